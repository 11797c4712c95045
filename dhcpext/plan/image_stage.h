/* image_stage.h: which clients load a boot image of the TFTP root, for `pxebridge firmware`:
 * the stage of the boot plan that names it, else one told from its kind, and that stage's
 * firmware in words. Portable, no I/O. */
#ifndef PXB_IMAGE_STAGE_H
#define PXB_IMAGE_STAGE_H

#include "boot_plan.h"

/* The stage whose clients load the image name: the plan's stage naming it
 * (pxb_image_stage), else from its kind (...aa64.efi: ARM64 UEFI, as the bundled ARM64 chain
 * and UEFI's own BOOTAA64.EFI are named; other .efi: x64 UEFI; else BIOS). */
enum pxb_stage pxb_image_stage_or_kind(const pxb_boot_plan *plan, const char *name);
/* The firmware the image name boots, for people: "BIOS x86", "UEFI x64", "UEFI IA32",
 * "UEFI ARM64" (pxb_image_stage_or_kind); for wimboot's fixed names its clients
 * ("BIOS and x64 UEFI", wimboot.h). */
const char *pxb_image_firmware(const pxb_boot_plan *plan, const char *name);

#endif
