; dhcp_option.asm: the DHCP packet being read (packet_buf, packet_len bytes) and its option
; walker: BOOTP fields at fixed offsets, options after the magic cookie (RFC 2131, 2132).

PACKET_MAX              equ 1472        ; a whole BOOTPLAYER: the largest cached packet
BOOTP_HLEN              equ 2
BOOTP_YIADDR            equ 16
BOOTP_SIADDR            equ 20
BOOTP_CHADDR            equ 28
BOOTP_FILE              equ 108
BOOTP_FILE_SIZE         equ 128
BOOTP_COOKIE            equ 236
BOOTP_OPTIONS           equ 240
OPTION_PAD              equ 0
OPTION_END              equ 255

; find_option: AL = option code. CF clear: SI -> its data in packet_buf, CX = its length.
; CF set when the packet has no options area (no magic cookie) or not that option, or the
; option runs past the packet.
find_option:
        push ax
        push bx
        push dx
        push di
        mov dl, al
        cmp word [packet_len], BOOTP_OPTIONS
        jb .absent
        cmp dword [packet_buf + BOOTP_COOKIE], 0x63538263   ; 99.130.83.99
        jne .absent
        mov bx, packet_buf
        add bx, [packet_len]            ; BX: the packet's end
        mov si, packet_buf + BOOTP_OPTIONS
.next:
        cmp si, bx
        jae .absent
        lodsb                           ; the code
        cmp al, OPTION_PAD
        je .next
        cmp al, OPTION_END
        je .absent
        mov ah, al
        cmp si, bx
        jae .absent
        lodsb                           ; the length
        xor ch, ch
        mov cl, al
        mov di, si
        add di, cx                      ; DI: after the data
        cmp di, bx
        ja .absent
        cmp ah, dl
        je .found
        mov si, di
        jmp .next
.found:
        clc
        jmp .done
.absent:
        stc
.done:
        pop di
        pop dx
        pop bx
        pop ax
        ret

        section .bss
packet_buf      resb PACKET_MAX
packet_len      resw 1
        section .text
