/* image_state.c: a boot image's state from its sums and what it tells of its embedded
 * script (see image_state.h). */
#include "image_state.h"

#include <string.h>

#include "ascii_case.h"

static const char *const STATE_NAMES[] = {"intact", "own build", "altered", "missing",
                                          "unreadable"};

const char *pxb_image_state_name(enum pxb_image_state state)
{
    return STATE_NAMES[state];
}

enum pxb_image_state pxb_image_identify(const char *sha256, const char *pinned,
                                        const char *own)
{
    if (pinned != NULL && strcmp(sha256, pinned) == 0)
        return PXB_IMAGE_INTACT;
    if (own[0] != '\0' && pxb_ascii_same(sha256, own))
        return PXB_IMAGE_OWN;
    return PXB_IMAGE_ALTERED;
}

int pxb_image_embedded_script(enum pxb_image_state state, int bundled_ipxe,
                              int own_embedded_script, pxb_error *why)
{
    switch (state) {
    case PXB_IMAGE_INTACT:
        if (!bundled_ipxe)
            return 1; /* pxbinfo hands the machine back to the firmware; the signed chain
                       * goes on to GRUB's menu: neither loads a first stage again */
        pxb_error_set(why, "the iPXE build pxebridge ships, which has no embedded script");
        return 0;
    case PXB_IMAGE_OWN:
        pxb_error_set(why, "your build, recorded %s an embedded script",
                      own_embedded_script ? "with" : "without");
        return own_embedded_script;
    case PXB_IMAGE_MISSING:
        pxb_error_set(why, "missing");
        return -1;
    default:
        pxb_error_set(why, "%s, not a build recorded by 'firmware replace'",
                      pxb_image_state_name(state));
        return -1;
    }
}
