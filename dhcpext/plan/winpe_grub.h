/* winpe_grub.h: the WinPE part of the generated GRUB menu (grub_menu.h): an entry per image
 * of the catalog for the CPU of the GRUB reading it, each loading wimboot with `linux` and
 * the image's files with `initrd newc:NAME:PATH`, from GRUB's root (the TFTP server it was
 * loaded from: Debian 12's GRUB 2.06 cannot give an HTTP server a port). */
#ifndef PXB_WINPE_GRUB_H
#define PXB_WINPE_GRUB_H

#include "menu_source.h"
#include "text_out.h"

/* The entries of the images of cpu's architecture (x64: x64 images, ARM64: arm64 ones),
 * and `set default` to the one BootTarget=winpe:NAME names when it is of that CPU. */
void pxb_winpe_grub_entries(const pxb_menu_source *src, enum pxb_grub_cpu cpu, pxb_text *t);

#endif
