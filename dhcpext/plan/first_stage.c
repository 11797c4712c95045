/* first_stage.c: which first stage an image name is (see first_stage.h). */
#include "first_stage.h"

#include <string.h>

#include "ascii_case.h"

static const char *const NOTES[] = {
    "",
    "the signed chain: Debian's Microsoft-signed shim, Debian's signed GRUB and the menu "
    "pxebridge generates (grub/grub.cfg); boots with Secure Boot on or off",
    "your signed iPXE: iPXE's Microsoft-signed shim, then the iPXE named without -shim "
    "beside it, which asks again with user class iPXE; boots with Secure Boot on or off",
};

enum pxb_first_stage pxb_first_stage_of(const char *file)
{
    size_t n = strlen(file), m = strlen(PXB_IPXE_SHIM_SUFFIX);
    const char *relative = file[0] == '/' || file[0] == '\\' ? file + 1 : file;
    if (pxb_ascii_same_path(relative, PXB_SIGNED_CHAIN_X64) ||
        pxb_ascii_same_path(relative, PXB_SIGNED_CHAIN_ARM64))
        return PXB_FIRST_SIGNED_CHAIN;
    if (n > m && pxb_ascii_same(file + n - m, PXB_IPXE_SHIM_SUFFIX))
        return PXB_FIRST_SIGNED_IPXE;
    return PXB_FIRST_IPXE;
}

const char *pxb_first_stage_note(enum pxb_first_stage kind)
{
    return NOTES[kind];
}
