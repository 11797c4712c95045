; wait_ticks.asm: waits on the BIOS timer tick count (0040:006C, 18.2 ticks a second).

BDA_SEGMENT             equ 0x0040
BDA_TICKS               equ 0x006C

; wait_ticks: waits CX ticks, halting between timer interrupts.
wait_ticks:
        push ax
        push bx
        push es
        mov ax, BDA_SEGMENT
        mov es, ax
        sti
        mov bx, [es:BDA_TICKS]
.wait:
        hlt
        mov ax, [es:BDA_TICKS]
        sub ax, bx
        cmp ax, cx
        jb .wait
        pop es
        pop bx
        pop ax
        ret
