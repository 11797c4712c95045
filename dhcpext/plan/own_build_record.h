/* own_build_record.h: the text that records one of the admin's own builds of a boot image
 * (`pxebridge firmware replace`, `firmware import`): "sha256=<hex>" and, for a build with an
 * embedded script, ";embedded-script". The CLI keeps one per image under
 * Parameters\Firmware, named as the image. Portable, no I/O. */
#ifndef PXB_OWN_BUILD_RECORD_H
#define PXB_OWN_BUILD_RECORD_H

#include <stddef.h>

#include "sha256.h"

/* A SHA-256 in hex digits and the NUL. */
#define PXB_RECORD_SHA256_HEX (2 * PXB_SHA256_LEN + 1)
/* The longest record text and its NUL. */
#define PXB_OWN_RECORD_MAX (sizeof "sha256=" + PXB_RECORD_SHA256_HEX + sizeof ";embedded-script")

/* The record of a build with this SHA-256 (hex) into out. */
void pxb_own_record_format(const char *sha256, int embedded_script, char *out, size_t out_len);
/* Reads a record's text: 0 with its SHA-256 (as written) and whether the build has an
 * embedded script, or -1 when text is NULL or no record this program wrote (it counts as
 * none). */
int pxb_own_record_parse(const char *text, char sha256[PXB_RECORD_SHA256_HEX],
                         int *embedded_script);

#endif
