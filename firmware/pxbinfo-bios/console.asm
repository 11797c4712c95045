; console.asm: pxbinfo's output. Each line is gathered in a buffer, then written whole to
; the screen (INT 10h teletype) and, two timer ticks later, to COM1, so a BIOS that copies
; the screen to the serial port (SeaBIOS's serial console, which sends the end of a line on
; its timer; server BIOSes' console redirection) does not interleave the two copies: the
; serial port then shows each line twice, whole. Every line starts "pxbinfo: ".

COM1                    equ 0x3F8
UART_LINE_STATUS        equ 5
UART_THR_EMPTY          equ 0x20
LINE_MAX                equ 158         ; CR LF fit after it

; serial_init: COM1 at 115200 baud, 8 data bits, no parity, 1 stop bit, FIFOs on.
serial_init:
        push ax
        push dx
        mov dx, COM1 + 3
        mov al, 0x80                    ; divisor latch
        out dx, al
        mov dx, COM1
        mov al, 1                       ; 115200 baud
        out dx, al
        inc dx
        xor al, al
        out dx, al
        mov dx, COM1 + 3
        mov al, 0x03                    ; 8N1
        out dx, al
        dec dx
        mov al, 0x07                    ; FIFO on and cleared
        out dx, al
        mov dx, COM1 + 4
        mov al, 0x03                    ; DTR, RTS
        out dx, al
        pop dx
        pop ax
        ret

; say: SI -> a string: the whole line "pxbinfo: STRING".
say:
        call begin_line
        call put_string
        jmp end_line

; begin_line: empties the line buffer and puts the prefix in it.
begin_line:
        push si
        mov word [line_len], 0
        mov si, prefix
        call put_string
        pop si
        ret

; put_char: AL appended to the line (dropped when the line is full).
put_char:
        push bx
        mov bx, [line_len]
        cmp bx, LINE_MAX
        jae .full
        mov [line_buf + bx], al
        inc word [line_len]
.full:
        pop bx
        ret

; put_string: DS:SI -> a zero-terminated string.
put_string:
        push ax
        push si
.next:
        lodsb
        test al, al
        jz .done
        call put_char
        jmp .next
.done:
        pop si
        pop ax
        ret

; put_text: DS:SI -> CX bytes of text from the network, up to the first zero byte;
; bytes outside printable ASCII show as '.'.
put_text:
        push ax
        push cx
        push si
        jcxz .done
.next:
        lodsb
        test al, al
        jz .done
        cmp al, ' '
        jb .dot
        cmp al, '~'
        jbe .put
.dot:
        mov al, '.'
.put:
        call put_char
        loop .next
.done:
        pop si
        pop cx
        pop ax
        ret

; put_dec: AX in decimal.
put_dec:
        push ax
        push bx
        push cx
        push dx
        mov bx, 10
        xor cx, cx
.divide:
        xor dx, dx
        div bx
        push dx
        inc cx
        test ax, ax
        jnz .divide
.digit:
        pop ax
        add al, '0'
        call put_char
        loop .digit
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; put_ip: DS:SI -> 4 bytes: dotted decimal.
put_ip:
        push ax
        push cx
        push si
        mov cx, 4
.byte:
        lodsb
        xor ah, ah
        call put_dec
        cmp cx, 1
        je .last
        mov al, '.'
        call put_char
.last:
        loop .byte
        pop si
        pop cx
        pop ax
        ret

; put_mac: DS:SI -> CX bytes: two hex digits each, ':' between them.
put_mac:
        push ax
        push cx
        push si
        jcxz .done
.byte:
        lodsb
        call put_hex_byte
        cmp cx, 1
        je .last
        mov al, ':'
        call put_char
.last:
        loop .byte
.done:
        pop si
        pop cx
        pop ax
        ret

; put_hex_byte: AL as two lowercase hex digits.
put_hex_byte:
        push ax
        push bx
        mov bx, hex_digits
        push ax
        shr al, 4
        xlat
        call put_char
        pop ax
        and al, 0x0F
        xlat
        call put_char
        pop bx
        pop ax
        ret

; end_line: the line with CR LF to the screen, then to COM1.
end_line:
        push ax
        push bx
        push cx
        push dx
        push si
        mov al, 13
        call put_char_always
        mov al, 10
        call put_char_always
        mov si, line_buf
        mov cx, [line_len]
.screen:
        lodsb
        mov ah, 0x0E
        mov bx, 0x0007
        push si
        push cx
        int 0x10
        pop cx
        pop si
        loop .screen
        mov cx, 2                       ; a BIOS that copies the screen to the serial port
        call wait_ticks                 ; (SeaBIOS) sends its copy in the meantime
        mov si, line_buf
        mov cx, [line_len]
.serial:
        lodsb
        call serial_put
        loop .serial
        pop si
        pop dx
        pop cx
        pop bx
        pop ax
        ret

; put_char_always: AL appended past LINE_MAX (the line's CR LF).
put_char_always:
        push bx
        mov bx, [line_len]
        mov [line_buf + bx], al
        inc word [line_len]
        pop bx
        ret

; serial_put: AL to COM1, waiting a bounded time for the transmitter (no UART: dropped).
serial_put:
        push ax
        push cx
        push dx
        mov ah, al
        mov dx, COM1 + UART_LINE_STATUS
        mov cx, 0xFFFF
.wait:
        in al, dx
        test al, UART_THR_EMPTY
        jnz .send
        loop .wait
        jmp .done
.send:
        mov dx, COM1
        mov al, ah
        out dx, al
.done:
        pop dx
        pop cx
        pop ax
        ret

prefix          db "pxbinfo: ", 0
hex_digits      db "0123456789abcdef"

        section .bss
line_len        resw 1
line_buf        resb LINE_MAX + 2
        section .text
