/* winpe_script.h: the WinPE part of the generated boot.ipxe (boot_script.h): an entry per
 * image of the catalog for the client's architecture (iPXE's ${platform} and ${buildarch}),
 * each loading wimboot as the kernel and the image's files as initrds under their flat
 * names from the menu source's base (HTTP or TFTP), index=N when the image is not the WIM's
 * first. A BIOS client gets the x64 and x86 images through the hybrid wimboot. */
#ifndef PXB_WINPE_SCRIPT_H
#define PXB_WINPE_SCRIPT_H

#include "menu_source.h"
#include "text_out.h"

/* The label of an image's section: "winpe-" and its name. */
#define PXB_WINPE_LABEL "winpe-"

/* True when the script has WinPE sections: a menu (MenuTimeout) and images, or
 * BootTarget=winpe:NAME. */
int pxb_winpe_script_wanted(const pxb_menu_source *src);
/* Sets ${pxb-arch} (x86_64, i386, arm64, or pcbios on BIOS) and ${pxb-wimboot}. */
void pxb_winpe_script_setup(const pxb_menu_source *src, pxb_text *t);
/* The menu's items, one per image, each shown to clients of its architecture only. */
void pxb_winpe_script_items(const pxb_menu_source *src, pxb_text *t);
/* BootTarget=winpe:NAME without a menu: go to its section, or say it is not in the
 * catalog (the script goes on to the local disk). */
void pxb_winpe_script_target(const pxb_menu_source *src, pxb_text *t);
/* The images' sections and their failure labels, which end at :local. */
void pxb_winpe_script_sections(const pxb_menu_source *src, pxb_text *t);

#endif
