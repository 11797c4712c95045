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

/* Whether a and b are the same relative name, '/' and '\\' alike, ASCII case ignored. */
static int same_path(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a == '\\' ? '/' : pxb_ascii_lower(*a);
        char y = *b == '\\' ? '/' : pxb_ascii_lower(*b);
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

enum pxb_first_stage pxb_first_stage_of(const char *file)
{
    size_t n = strlen(file), m = strlen(PXB_IPXE_SHIM_SUFFIX);
    if (same_path(file[0] == '/' || file[0] == '\\' ? file + 1 : file, PXB_SIGNED_CHAIN_X64))
        return PXB_FIRST_SIGNED_CHAIN;
    if (n > m && pxb_ascii_same(file + n - m, PXB_IPXE_SHIM_SUFFIX))
        return PXB_FIRST_SIGNED_IPXE;
    return PXB_FIRST_IPXE;
}

const char *pxb_first_stage_note(enum pxb_first_stage kind)
{
    return NOTES[kind];
}
