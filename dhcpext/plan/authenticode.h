/* authenticode.h: who signed a UEFI program, and whether the signature matches the file:
 * reads the Authenticode signatures in a PE image's certificate table (WIN_CERTIFICATE
 * entries holding PKCS#7 SignedData), and for each: the image hash its
 * SpcIndirectDataContent signs, checked against the file's own (pe_hash.h); the signer's
 * messageDigest attribute, checked against the signed content; the RSA signature over the
 * signed attributes, checked with the signing certificate's public key (rsa.h); and that
 * certificate's subject and issuer. It does not check the certificate chain: Secure Boot
 * firmware does that against its own db, and what this tells an admin is what the firmware
 * will be shown. Portable, no I/O;
 * bounded against any bytes. */
#ifndef PXB_AUTHENTICODE_H
#define PXB_AUTHENTICODE_H

#include <stddef.h>

#include "sha256.h"

/* Signatures read per image; Microsoft-signed shims carry two (the 2011 and 2023 CAs). */
#define PXB_SIGNATURES_MAX 4
#define PXB_SIG_NAME_MAX 96
#define PXB_SIG_WHY_MAX 256

/* One signature. */
typedef struct pxb_signature {
    char signer[PXB_SIG_NAME_MAX];   /* the signing certificate's subject CN, or "" */
    char issuer[PXB_SIG_NAME_MAX];   /* the CA that issued it (its issuer CN) */
    enum pxb_hash_kind digest;       /* of the image hash */
    int image_matches;               /* the signed image hash is the file's */
    int content_matches;             /* messageDigest is the signed content's digest */
    int rsa_checked;                 /* the signer's RSA key was found and read */
    int rsa_matches;                 /* its signature over the signed attributes holds */
} pxb_signature;

enum pxb_sig_verdict {
    PXB_SIG_UNSIGNED,   /* no certificate table */
    PXB_SIG_SIGNED,     /* at least one signature matches the file */
    PXB_SIG_MISMATCH,   /* signatures read, none matches the file */
    PXB_SIG_UNREADABLE  /* not a PE image, or a signature that cannot be read */
};

typedef struct pxb_signatures {
    enum pxb_sig_verdict verdict;
    size_t count;
    pxb_signature sig[PXB_SIGNATURES_MAX];
    char why[PXB_SIG_WHY_MAX];       /* for a mismatch or an unreadable signature */
} pxb_signatures;

/* Reads and checks the signatures of the len-byte image file into out. */
void pxb_authenticode_read(const unsigned char *file, size_t len, pxb_signatures *out);

/* Whether the signature's issuer is one of Microsoft's UEFI CAs, which Secure Boot firmware
 * with Microsoft's keys trusts for programs not from Microsoft ("Microsoft Corporation
 * UEFI CA 2011", "Microsoft UEFI CA 2023"), or Microsoft's Windows production CAs. */
int pxb_sig_by_microsoft(const pxb_signature *sig);

/* Whether Secure Boot firmware with Microsoft's keys refuses to start the image as a first
 * stage: unsigned, not matching, unreadable, or signed by no Microsoft CA. */
int pxb_sig_refused(const pxb_signatures *sigs);

/* One line for people: "signed by Microsoft Corporation UEFI CA 2011 (signer Microsoft
 * Windows UEFI Driver Publisher), Microsoft UEFI CA 2023 (...)", "unsigned: refused by
 * Secure Boot firmware", ... */
void pxb_sig_describe(const pxb_signatures *sigs, char *out, size_t out_len);

/* The verdict as one word for JSON: "unsigned", "signed", "mismatch", "unreadable". */
const char *pxb_sig_verdict_name(enum pxb_sig_verdict verdict);

#endif
