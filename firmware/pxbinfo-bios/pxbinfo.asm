; pxbinfo.asm: pxbinfo for BIOS, a PXE network boot program (NBP, pxbinfo.0). It shows what
; the network boot gave this client (the DHCP packets the PXE stack cached) on the screen and
; on COM1, waits about 5 seconds, then hands the machine back to the BIOS, which boots the
; next device (docs/boot-images.md). Entry: 0000:7C00, 16-bit real mode, from a PXE ROM or
; from iPXE chaining a .0 file, with ES:BX -> PXENV+ and the far pointer to !PXE at SS:SP+4.
; Build: nasm -f bin -I firmware/pxbinfo-bios/ pxbinfo.asm -o pxbinfo.0
        cpu 386
        bits 16
        org 0x7C00

PACKET_DHCPDISCOVER     equ 1
PACKET_DHCPACK          equ 2
PACKET_CACHED_REPLY     equ 3
WAIT_TICKS              equ 91          ; 5 s of the BIOS timer (18.2 ticks a second)

        section .bss
bss_start:
entry_bang_pxe  resw 2                  ; far pointers as the loader gave them
entry_pxenv     resw 2
        section .text

start:
        cli
        cld
        push es                         ; PXENV+, segment and offset
        push bx
        mov bp, sp
        push cs
        pop ds
        push cs
        pop es
        mov di, bss_start               ; nothing zeroes memory past the loaded image
        mov cx, bss_end - bss_start
        xor al, al
        rep stosb
        pop word [entry_pxenv]
        pop word [entry_pxenv + 2]
        mov ax, [ss:bp + 8]             ; !PXE, left at SS:SP+4 by the loader
        mov [entry_bang_pxe], ax
        mov ax, [ss:bp + 10]
        mov [entry_bang_pxe + 2], ax
        sti

        call serial_init
        mov si, msg_title
        call say

        call find_pxe_api
        jnc .have_api
        mov si, msg_no_api
        call say
        jmp .hand_back
.have_api:
        mov bx, PACKET_DHCPDISCOVER
        mov si, label_discover
        mov dx, request_facts
        call report_packet
        mov bx, PACKET_DHCPACK
        mov si, label_ack
        mov dx, reply_facts
        call report_packet
        mov bx, PACKET_CACHED_REPLY
        mov si, label_reply
        mov dx, reply_facts
        call report_packet

.hand_back:
        mov si, msg_waiting
        call say
        mov cx, WAIT_TICKS
        call wait_ticks
        mov si, msg_returning
        call say
        call pxe_shutdown_nic
        ; The BIOS's boot recovery: SeaBIOS and other BIOSes boot the next device in their
        ; boot order.
        int 0x18
.halt:                                  ; only a BIOS without INT 18h boot recovery gets here
        hlt
        jmp .halt

%include "pxe_api.asm"
%include "dhcp_option.asm"
%include "packet_report.asm"
%include "console.asm"
%include "wait_ticks.asm"

msg_title       db "PXE boot information (BIOS)", 0
msg_no_api      db "no PXE API found (neither !PXE nor PXENV+ is valid)", 0
msg_waiting     db "waiting 5 seconds", 0
msg_returning   db "returning to the firmware for the next boot device", 0
label_discover  db "DHCPDISCOVER", 0
label_ack       db "DHCPACK", 0
label_reply     db "proxy reply", 0

        section .bss
bss_end:
