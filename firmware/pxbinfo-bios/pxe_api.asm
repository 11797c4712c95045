; pxe_api.asm: finds and calls the PXE API. !PXE (from the stack at entry, or the one PXENV+
; 2.1 points to) is preferred; PXENV+'s real-mode entry is the fallback for old ROMs. Each
; structure is taken only with its signature and a zero byte checksum.

BANGPXE_LENGTH          equ 4           ; !PXE: StructLength
BANGPXE_ENTRY_SP        equ 16          ; !PXE: EntryPointSP, 16:16
PXENV_VERSION           equ 6           ; PXENV+: Version
PXENV_LENGTH            equ 8           ; PXENV+: Length
PXENV_RM_ENTRY          equ 10          ; PXENV+: RMEntry, 16:16
PXENV_PXE_PTR           equ 0x28        ; PXENV+ 2.1: PXEPtr, 16:16 -> !PXE
API_BANG_PXE            equ 1
API_PXENV               equ 2

PXENV_UNDI_SHUTDOWN     equ 0x0005
PXENV_GET_CACHED_INFO   equ 0x0071

; find_pxe_api: sets api_entry and api_style from entry_bang_pxe / entry_pxenv.
; CF set when neither gives a valid structure.
find_pxe_api:
        push ax
        push cx
        push si
        push es
        push di
        les di, [entry_bang_pxe]
        call take_bang_pxe
        jnc .done
        les di, [entry_pxenv]
        mov si, sig_pxenv
        mov cx, 6
        mov al, [es:di + PXENV_LENGTH]
        call check_structure
        jc .done
        cmp word [es:di + PXENV_VERSION], 0x0201
        jb .legacy
        push es
        push di
        les di, [es:di + PXENV_PXE_PTR]
        call take_bang_pxe
        pop di
        pop es
        jnc .done
.legacy:
        mov ax, [es:di + PXENV_RM_ENTRY]
        mov [api_entry], ax
        mov ax, [es:di + PXENV_RM_ENTRY + 2]
        mov [api_entry + 2], ax
        mov byte [api_style], API_PXENV
        clc
.done:
        pop di
        pop es
        pop si
        pop cx
        pop ax
        ret

; take_bang_pxe: ES:DI -> a candidate !PXE. Valid: sets api_entry and api_style, CF clear.
take_bang_pxe:
        push ax
        push cx
        push si
        mov si, sig_bang_pxe
        mov cx, 4
        mov al, [es:di + BANGPXE_LENGTH]
        call check_structure
        jc .done
        mov ax, [es:di + BANGPXE_ENTRY_SP]
        mov [api_entry], ax
        mov ax, [es:di + BANGPXE_ENTRY_SP + 2]
        mov [api_entry + 2], ax
        mov byte [api_style], API_BANG_PXE
.done:
        pop si
        pop cx
        pop ax
        ret

; check_structure: ES:DI -> structure, DS:SI -> signature of CX bytes, AL = its length.
; CF clear when the signature matches and its AL bytes add up to 0 (mod 256).
check_structure:
        push ax
        push cx
        push si
        push di
        repe cmpsb
        pop di
        push di
        jne .bad
        mov cl, al
        xor ch, ch
        jcxz .bad
        xor al, al
.sum:
        add al, [es:di]
        inc di
        loop .sum
        test al, al
        jnz .bad
        clc
        jmp .done
.bad:
        stc
.done:
        pop di
        pop si
        pop cx
        pop ax
        ret

; pxe_call: BX = opcode, DS:DI -> its parameter structure (Status first).
; CF set when the call or its Status reports an error.
pxe_call:
        push ax
        push bx
        push cx
        push dx
        push si
        push di
        push bp
        push ds
        push es
        cmp byte [api_style], API_BANG_PXE
        jne .pxenv
        push ds
        push di
        push bx
        call far [api_entry]
        add sp, 6
        jmp .called
.pxenv:
        push ds
        pop es
        call far [api_entry]
.called:
        pop es
        pop ds
        pop bp
        pop di
        pop si
        pop dx
        pop cx
        pop bx
        or ax, [di]                     ; the call's result and the structure's Status
        pop ax
        jz .ok
        stc
        ret
.ok:
        clc
        ret

; fetch_packet: BX = packet type; copies that cached packet into packet_buf and its size
; into packet_len. CF set when the PXE stack has none.
fetch_packet:
        push bx
        push di
        mov word [cached_info.status], 0
        mov [cached_info.packet_type], bx
        mov word [cached_info.buffer_size], PACKET_MAX
        mov word [cached_info.buffer], packet_buf
        mov [cached_info.buffer + 2], ds
        mov word [cached_info.buffer_limit], 0
        mov word [packet_len], 0
        mov bx, PXENV_GET_CACHED_INFO
        mov di, cached_info
        call pxe_call
        jc .done
        mov bx, [cached_info.buffer_size]
        cmp bx, PACKET_MAX
        jbe .size
        mov bx, PACKET_MAX
.size:
        mov [packet_len], bx
        test bx, bx
        jnz .done
        stc
.done:
        pop di
        pop bx
        ret

; pxe_shutdown_nic: stops the NIC (PXENV_UNDI_SHUTDOWN) so it writes nothing more into
; memory the next boot device's system will own. A failure changes nothing for the handback.
pxe_shutdown_nic:
        push bx
        push di
        cmp byte [api_style], 0
        je .done
        mov word [undi_shutdown_status], 0
        mov bx, PXENV_UNDI_SHUTDOWN
        mov di, undi_shutdown_status
        call pxe_call
.done:
        pop di
        pop bx
        ret

sig_bang_pxe    db "!PXE"
sig_pxenv       db "PXENV+"

        section .bss
api_entry       resw 2
undi_shutdown_status resw 1
cached_info:                            ; t_PXENV_GET_CACHED_INFO
.status         resw 1
.packet_type    resw 1
.buffer_size    resw 1
.buffer         resw 2
.buffer_limit   resw 1
api_style       resb 1                  ; 0 (none), API_BANG_PXE or API_PXENV
        section .text
