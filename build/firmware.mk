# firmware.mk: tools and flags for the project's own boot programs (firmware/pxbinfo-*):
# nasm for the BIOS PXE program, gnu-efi (Debian 12's gnu-efi package) for the UEFI one.

NASM            := nasm
NASM_FLAGS      := -f bin -w+all -Werror

EFI_ARCH        := x86_64
EFI_INC         := /usr/include/efi
EFI_LIB         := /usr/lib
EFI_CC          := gcc
EFI_OBJCOPY     := objcopy
# The gnu-efi headers are system headers (-isystem): their own warnings are not ours.
# UEFI calls use the Microsoft x64 convention: GNU_EFI_USE_MS_ABI makes gnu-efi's EFIAPI
# gcc's ms_abi, so protocol functions are called directly (no uefi_call_wrapper).
EFI_CFLAGS      := -std=c11 -O2 $(WARN) -isystem $(EFI_INC) -isystem $(EFI_INC)/$(EFI_ARCH) \
                   -fpic -fshort-wchar -mno-red-zone -ffreestanding -fno-stack-protector \
                   -fno-strict-aliasing -DGNU_EFI_USE_MS_ABI
EFI_LDFLAGS     := -nostdlib -znocombreloc -T $(EFI_LIB)/elf_$(EFI_ARCH)_efi.lds -shared \
                   -Bsymbolic -L$(EFI_LIB) $(EFI_LIB)/crt0-efi-$(EFI_ARCH).o
EFI_LIBS        := -lefi -lgnuefi
# The sections of the shared object that make up the PE/COFF application.
EFI_SECTIONS    := -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
                   -j '.rel.*' -j '.rela.*' -j .reloc
EFI_APP_TARGET  := --target=efi-app-$(EFI_ARCH)
