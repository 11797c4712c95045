/* image_state.h: what pxebridge makes of a boot image's copy in the TFTP root, from its
 * SHA-256 and the sums it knows for that name: the bundled build (pinned), the admin's own
 * build (recorded by `firmware replace`), or neither; and what that state tells of the
 * image's embedded script, which decides whether EmbeddedScript=1 is safe. Portable, no
 * I/O: the CLI hashes the files and reads the records. */
#ifndef PXB_IMAGE_STATE_H
#define PXB_IMAGE_STATE_H

#include "pxb_error.h"

enum pxb_image_state {
    PXB_IMAGE_INTACT,    /* the bundled build, as pinned */
    PXB_IMAGE_OWN,       /* the admin's own build, as recorded */
    PXB_IMAGE_ALTERED,   /* neither */
    PXB_IMAGE_MISSING,
    PXB_IMAGE_UNREADABLE
};

/* "intact", "own build", "altered", "missing", "unreadable". */
const char *pxb_image_state_name(enum pxb_image_state state);

/* The state of a copy whose SHA-256 (lower-case hex) is sha256: intact if it is pinned (the
 * bundled build's, or NULL), else own if it is own (the recorded own build's, any case, or
 * ""), else altered. */
enum pxb_image_state pxb_image_identify(const char *sha256, const char *pinned,
                                        const char *own);

/* What an image's state tells of its embedded script: 1 it has one, 0 it has none, -1 it
 * cannot be told; bundled_ipxe says the bundled build is iPXE (none), own_embedded_script
 * that the own build was recorded with one. For 0 and -1, what is known in words into why
 * (like "missing"), to follow "image X is ". */
int pxb_image_embedded_script(enum pxb_image_state state, int bundled_ipxe,
                              int own_embedded_script, pxb_error *why);

#endif
