/* image_stage.c: the stage and firmware of a boot image (see image_stage.h). */
#include "image_stage.h"

#include <string.h>

#include "ascii_case.h"
#include "boot_image.h"
#include "wimboot.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && pxb_ascii_same(s + n - m, suffix);
}

enum pxb_stage pxb_image_stage_or_kind(const pxb_boot_plan *plan, const char *name)
{
    int stage = pxb_image_stage(plan, name);
    if (stage >= 0)
        return (enum pxb_stage)stage;
    if (ends_with(name, "aa64.efi"))
        return PXB_STAGE_UEFI_ARM64;
    return ends_with(name, ".efi") ? PXB_STAGE_UEFI_X64 : PXB_STAGE_BIOS;
}

const char *pxb_image_firmware(const pxb_boot_plan *plan, const char *name)
{
    const char *wimboot = pxb_wimboot_clients(name);
    if (wimboot != NULL)
        return wimboot;
    switch (pxb_image_stage_or_kind(plan, name)) {
    case PXB_STAGE_UEFI_X64:
        return "UEFI x64";
    case PXB_STAGE_UEFI_IA32:
        return "UEFI IA32";
    case PXB_STAGE_UEFI_ARM64:
        return "UEFI ARM64";
    default:
        return "BIOS x86";
    }
}
