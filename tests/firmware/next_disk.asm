; next_disk.asm: the boot sector of the small disk own_images.sh puts after the network in
; the BIOS boot order. It prints a marker on COM1 and halts, so the test can see that the
; BIOS went on to the next boot device after pxbinfo.0 handed the machine back.
        cpu 386
        bits 16
        org 0x7C00

COM1    equ 0x3F8

start:
        cli
        xor ax, ax
        mov ds, ax
        mov si, marker
.next:
        lodsb
        test al, al
        jz .halt
        mov ah, al
        mov dx, COM1 + 5
.wait:
        in al, dx
        test al, 0x20
        jz .wait
        mov dx, COM1
        mov al, ah
        out dx, al
        jmp .next
.halt:
        hlt
        jmp .halt

marker  db 13, 10, "next-disk: booted from the local disk", 13, 10, 0

        times 510 - ($ - $$) db 0
        dw 0xAA55
