/* winpe_entry.h: what the generated boot.ipxe and explain share
 * about a WinPE image's entry: whether its names can be written into a menu as they are,
 * the entry's title, and the image BootTarget=winpe:NAME names. */
#ifndef PXB_WINPE_ENTRY_H
#define PXB_WINPE_ENTRY_H

#include "menu_source.h"
#include "text_out.h"

/* True when the image's name and every file name are plain words (letters, digits, '.',
 * '-', '_'), so no menu reads them as its syntax, and its first file is boot.wim. */
int pxb_winpe_entry_ok(const pxb_winpe_image *img);
/* Writes "WinPE NAME: IMAGE NAME (x86_64)"; characters of the WIM's image name other than
 * letters, digits, spaces and ". - _ ( )" are written as '_'. */
void pxb_winpe_entry_title(const pxb_winpe_image *img, pxb_text *t);
/* The image's CPU as iPXE's ${buildarch} names it: x86_64, i386, arm64. */
const char *pxb_winpe_entry_buildarch(const pxb_winpe_image *img);
/* True when a client of that architecture (option 93) is offered the image: x64 UEFI (7,
 * 9) x64 images, IA32 UEFI (6) x86, ARM64 UEFI (11) arm64, BIOS (0) x64 and x86 ones
 * through the hybrid wimboot. */
int pxb_winpe_entry_for_arch(const pxb_winpe_image *img, unsigned arch);
/* The image BootTarget=winpe:NAME names, NULL when it names none of the catalog's or
 * BootTarget is no winpe: target. */
const pxb_winpe_image *pxb_winpe_entry_target(const pxb_menu_source *src);

#endif
