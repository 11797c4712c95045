/* pe_hash.h: the parts of a PE/COFF image (a UEFI program) that its Authenticode signature
 * covers and holds, per Microsoft's "Windows Authenticode Portable Executable Signature
 * Format": where the certificate table is (the security data directory), and the image
 * hash: the headers without the checksum and the security directory entry, the sections in
 * file order, and what follows them up to the certificate table. Bounded against any
 * bytes. Portable, no I/O. */
#ifndef PXB_PE_HASH_H
#define PXB_PE_HASH_H

#include <stddef.h>

#include "pxb_error.h"
#include "sha256.h"

/* Sections hashed at most; UEFI programs have a handful. */
#define PXB_PE_SECTIONS_MAX 96

/* Where the certificate table of the len-byte image file is: *at and *table_len (0 when the
 * image carries none). Returns 0, or -1 with what is wrong in err (not a PE image, headers
 * cut short, a table outside the file). */
int pxb_pe_cert_table(const unsigned char *file, size_t len, size_t *at, size_t *table_len,
                      pxb_error *err);

/* The Authenticode image hash of the file with this kind of digest into out; its length
 * into *out_len. Returns 0, or -1 with err. */
int pxb_pe_image_hash(const unsigned char *file, size_t len, enum pxb_hash_kind kind,
                      unsigned char out[PXB_DIGEST_MAX], size_t *out_len, pxb_error *err);

#endif
