; packet_report.asm: the lines pxbinfo prints for one cached DHCP packet, each
; "pxbinfo: LABEL: WHAT VALUE", "(none)" for what the packet does not hold. The client's
; request: its MAC and options 93, 60, 77; a reply: the MAC it is for, the address it gives
; (yiaddr), the server (siaddr), the boot file (file field, else option 67), options 66, 67.

OPTION_TFTP_SERVER      equ 66
OPTION_BOOT_FILE        equ 67
OPTION_VENDOR_CLASS     equ 60
OPTION_USER_CLASS       equ 77
OPTION_CLIENT_ARCH      equ 93

; report_packet: BX = packet type, SI = its label, DX = the routine that prints what is
; particular to that packet after its MAC (request_facts, reply_facts): "LABEL: (none)" when
; the PXE stack has no such packet.
report_packet:
        push ax
        push cx
        push si
        mov [packet_label], si
        call fetch_packet
        jc .none
        call report_mac
        call dx
        jmp .done
.none:
        call begin_packet_line
        call put_none
        call end_line
.done:
        pop si
        pop cx
        pop ax
        ret

; request_facts: the client's options 93 (a number), 60 and 77 (text).
request_facts:
        mov al, OPTION_CLIENT_ARCH
        mov si, what_arch
        call begin_fact
        call find_option
        jc .arch_none
        cmp cx, 2
        jb .arch_none
        mov ax, [si]
        xchg al, ah                     ; network byte order
        call put_dec
        jmp .arch_done
.arch_none:
        call put_none
.arch_done:
        call end_line
        mov al, OPTION_VENDOR_CLASS
        mov si, what_vendor_class
        call report_text_option
        mov al, OPTION_USER_CLASS
        mov si, what_user_class
        jmp report_text_option

; reply_facts: yiaddr, siaddr, the boot file (file field, else option 67), options 66, 67.
reply_facts:
        mov si, what_client_ip
        call begin_fact
        mov si, packet_buf + BOOTP_YIADDR
        call put_ip
        call end_line
        mov si, what_server
        call begin_fact
        mov si, packet_buf + BOOTP_SIADDR
        call put_ip
        call end_line

        mov si, what_boot_file
        call begin_fact
        mov si, packet_buf + BOOTP_FILE
        cmp byte [si], 0
        je .file_option
        mov cx, BOOTP_FILE_SIZE
        call put_text
        jmp .file_done
.file_option:
        mov al, OPTION_BOOT_FILE
        call put_text_option
.file_done:
        call end_line

        mov al, OPTION_TFTP_SERVER
        mov si, what_tftp_server
        call report_text_option
        mov al, OPTION_BOOT_FILE
        mov si, what_boot_file_option
        jmp report_text_option

; report_mac: "LABEL: client MAC xx:xx:..." from chaddr (hlen bytes, at most 16).
report_mac:
        push cx
        push si
        mov si, what_mac
        call begin_fact
        mov cl, [packet_buf + BOOTP_HLEN]
        xor ch, ch
        cmp cx, 16
        jbe .length
        mov cx, 16
.length:
        mov si, packet_buf + BOOTP_CHADDR
        call put_mac
        call end_line
        pop si
        pop cx
        ret

; report_text_option: AL = option code, SI = what it is: "LABEL: WHAT TEXT" or "(none)".
report_text_option:
        call begin_fact
        call put_text_option
        jmp end_line

; put_text_option: AL = option code: its data as text, or "(none)".
put_text_option:
        push cx
        push si
        call find_option
        jc .none
        call put_text
        jmp .done
.none:
        call put_none
.done:
        pop si
        pop cx
        ret

; begin_packet_line: starts the line "pxbinfo: LABEL: ".
begin_packet_line:
        push si
        call begin_line
        mov si, [packet_label]
        call put_string
        mov si, colon
        call put_string
        pop si
        ret

; begin_fact: starts the line "pxbinfo: LABEL: WHAT " (SI = WHAT).
begin_fact:
        push ax
        call begin_packet_line
        call put_string
        mov al, ' '
        call put_char
        pop ax
        ret

put_none:
        push si
        mov si, none
        call put_string
        pop si
        ret

colon                   db ": ", 0
none                    db "(none)", 0
what_mac                db "client MAC", 0
what_arch               db "arch (option 93)", 0
what_vendor_class       db "vendor class (option 60)", 0
what_user_class         db "user class (option 77)", 0
what_client_ip          db "client IP", 0
what_server             db "server", 0
what_boot_file          db "boot file", 0
what_tftp_server        db "TFTP server (option 66)", 0
what_boot_file_option   db "boot file (option 67)", 0

        section .bss
packet_label    resw 1
        section .text
