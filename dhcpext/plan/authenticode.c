/* authenticode.c: reading and checking the Authenticode signatures of a PE image (see
 * authenticode.h). The PKCS#7 layout read:
 *   ContentInfo { signedData, [0] SignedData { version, digestAlgorithms,
 *     ContentInfo { SpcIndirectDataContent, [0] { data, DigestInfo { algorithm, digest } } },
 *     [0] certificates, [1] crls, SignerInfos { SignerInfo { version,
 *       IssuerAndSerialNumber, digestAlgorithm, [0] authenticatedAttributes, ... } } } }
 * As in PKCS#7 1.5, messageDigest covers SpcIndirectDataContent's content octets, without
 * its SEQUENCE tag and length. */
#include "authenticode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "der.h"
#include "pe_hash.h"
#include "rsa.h"

#define WIN_CERT_HEADER 8
#define WIN_CERT_REVISION_2 0x0200
#define WIN_CERT_TYPE_PKCS_SIGNED_DATA 0x0002

static const unsigned char OID_SIGNED_DATA[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07,
                                                0x02};
static const unsigned char OID_SPC_INDIRECT[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37,
                                                 0x02, 0x01, 0x04};
static const unsigned char OID_SHA256[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
static const unsigned char OID_SHA1[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
static const unsigned char OID_MESSAGE_DIGEST[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
                                                   0x09, 0x04};
static const unsigned char OID_COMMON_NAME[] = {0x55, 0x04, 0x03};
static const unsigned char OID_RSA[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
#define OID(o) o, sizeof o

static const char *const VERDICTS[] = {"unsigned", "signed", "mismatch", "unreadable"};

/* What a signature's reading is given and keeps between its parts. */
typedef struct reading {
    const unsigned char *file;
    size_t len;
    unsigned char image[2][PXB_DIGEST_MAX]; /* the file's image hash per kind, once known */
    int image_known[2];
    pxb_error why;
} reading;

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

/* Fails the reading with why. */
static int fail(reading *r, const char *why)
{
    pxb_error_set(&r->why, "%s", why);
    return -1;
}

/* The digest kind an AlgorithmIdentifier names; -1 if neither SHA-256 nor SHA-1. */
static int read_digest_kind(const pxb_der_item *alg_id)
{
    pxb_der d = pxb_der_inside(alg_id);
    pxb_der_item oid;
    if (pxb_der_expect(&d, PXB_DER_OID, &oid) != 0)
        return -1;
    if (pxb_der_is_oid(&oid, OID(OID_SHA256)))
        return PXB_HASH_SHA256;
    if (pxb_der_is_oid(&oid, OID(OID_SHA1)))
        return PXB_HASH_SHA1;
    return -1;
}

/* A directory string's printable ASCII into out; others become '?' (BMPString: every
 * second byte). */
static void copy_text(const pxb_der_item *value, char *out, size_t out_len)
{
    size_t step = value->tag == 0x1e ? 2 : 1, n = 0;
    for (size_t i = step - 1; i < value->len && n + 1 < out_len; i += step) {
        unsigned char c = value->value[i];
        out[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    out[n] = '\0';
}

/* The common name (CN) of an X.501 Name into out, "" if it has none. */
static void read_common_name(const pxb_der_item *name, char *out, size_t out_len)
{
    pxb_der rdns = pxb_der_inside(name);
    pxb_der_item rdn, atv, oid, value;
    out[0] = '\0';
    while (pxb_der_expect(&rdns, PXB_DER_SET, &rdn) == 0) {
        pxb_der in_rdn = pxb_der_inside(&rdn);
        while (pxb_der_expect(&in_rdn, PXB_DER_SEQUENCE, &atv) == 0) {
            pxb_der in_atv = pxb_der_inside(&atv);
            if (pxb_der_expect(&in_atv, PXB_DER_OID, &oid) == 0 &&
                pxb_der_is_oid(&oid, OID(OID_COMMON_NAME)) && pxb_der_next(&in_atv, &value) == 0)
                copy_text(&value, out, out_len);
        }
    }
}

static int same_item(const pxb_der_item *a, const pxb_der_item *b)
{
    return a->whole_len == b->whole_len && memcmp(a->whole, b->whole, a->whole_len) == 0;
}

/* The certificate in certs (the [0] certificates) that issuer and serial name: its subject
 * CN into sig->signer, its SubjectPublicKeyInfo into *spki. Returns 0, or -1 (sig->signer
 * "") if none is there. */
static int read_signer_cert(const pxb_der_item *certs, const pxb_der_item *issuer,
                            const pxb_der_item *serial, pxb_signature *sig,
                            pxb_der_item *spki)
{
    pxb_der list = pxb_der_inside(certs);
    pxb_der_item cert, tbs, item, cert_serial, cert_issuer, subject;
    while (pxb_der_expect(&list, PXB_DER_SEQUENCE, &cert) == 0) {
        pxb_der c = pxb_der_inside(&cert);
        if (pxb_der_expect(&c, PXB_DER_SEQUENCE, &tbs) != 0)
            continue;
        pxb_der t = pxb_der_inside(&tbs);
        pxb_der_optional(&t, PXB_DER_CONTEXT(0), &item); /* version */
        if (pxb_der_expect(&t, PXB_DER_INTEGER, &cert_serial) != 0 ||
            pxb_der_expect(&t, PXB_DER_SEQUENCE, &item) != 0 ||        /* signature */
            pxb_der_expect(&t, PXB_DER_SEQUENCE, &cert_issuer) != 0 ||
            pxb_der_expect(&t, PXB_DER_SEQUENCE, &item) != 0 ||        /* validity */
            pxb_der_expect(&t, PXB_DER_SEQUENCE, &subject) != 0 ||
            pxb_der_expect(&t, PXB_DER_SEQUENCE, spki) != 0)
            continue;
        if (same_item(&cert_serial, serial) && same_item(&cert_issuer, issuer)) {
            read_common_name(&subject, sig->signer, sizeof sig->signer);
            return 0;
        }
    }
    return -1;
}

/* An RSA SubjectPublicKeyInfo's modulus and exponent; -1 if it is no RSA key. */
static int read_rsa_key(const pxb_der_item *spki, pxb_der_item *n, pxb_der_item *e)
{
    pxb_der d = pxb_der_inside(spki);
    pxb_der_item alg, oid, bits, key;
    if (pxb_der_expect(&d, PXB_DER_SEQUENCE, &alg) != 0 ||
        pxb_der_expect(&d, PXB_DER_BIT_STRING, &bits) != 0 || bits.len < 1 || bits.value[0] != 0)
        return -1;
    pxb_der a = pxb_der_inside(&alg);
    if (pxb_der_expect(&a, PXB_DER_OID, &oid) != 0 || !pxb_der_is_oid(&oid, OID(OID_RSA)))
        return -1;
    pxb_der b = pxb_der_span(bits.value + 1, bits.len - 1);
    if (pxb_der_expect(&b, PXB_DER_SEQUENCE, &key) != 0)
        return -1;
    pxb_der k = pxb_der_inside(&key);
    return pxb_der_expect(&k, PXB_DER_INTEGER, n) == 0 &&
                   pxb_der_expect(&k, PXB_DER_INTEGER, e) == 0 ? 0 : -1;
}

/* Checks the RSA signature (encrypted) over the signed attributes attrs, DER-encoded as a
 * SET as PKCS#7 signs them, with the key spki, into sig. */
static void check_rsa(const pxb_der_item *spki, const pxb_der_item *attrs,
                      const pxb_der_item *encrypted, enum pxb_hash_kind kind,
                      pxb_signature *sig)
{
    pxb_der_item n, e;
    unsigned char set_tag = PXB_DER_SET, digest[PXB_DIGEST_MAX];
    pxb_hash h;
    if (read_rsa_key(spki, &n, &e) != 0)
        return;
    pxb_hash_init(&h, kind);
    pxb_hash_feed(&h, &set_tag, 1);
    pxb_hash_feed(&h, attrs->whole + 1, attrs->whole_len - 1);
    pxb_hash_finish(&h, digest);
    int ok = pxb_rsa_verify(n.value, n.len, e.value, e.len, encrypted->value, encrypted->len,
                            kind, digest);
    sig->rsa_checked = ok >= 0;
    sig->rsa_matches = ok == 1;
}

/* The image hash of the file with kind, computed once per kind. */
static const unsigned char *image_hash(reading *r, enum pxb_hash_kind kind)
{
    size_t len;
    if (!r->image_known[kind]) {
        if (pxb_pe_image_hash(r->file, r->len, kind, r->image[kind], &len, NULL) != 0)
            return NULL;
        r->image_known[kind] = 1;
    }
    return r->image[kind];
}

/* The SpcIndirectDataContent in content (the inner ContentInfo): checks its image hash
 * against the file's into sig, its content octets into *signed_content. */
static int read_indirect(reading *r, const pxb_der_item *content, pxb_signature *sig,
                         pxb_der_item *signed_content)
{
    pxb_der d = pxb_der_inside(content);
    pxb_der_item oid, explicit0, data, digest_info, alg, digest;
    if (pxb_der_expect(&d, PXB_DER_OID, &oid) != 0 || !pxb_der_is_oid(&oid, OID(OID_SPC_INDIRECT)))
        return fail(r, "its signed content is not an Authenticode image hash");
    if (pxb_der_expect(&d, PXB_DER_CONTEXT(0), &explicit0) != 0)
        return fail(r, "its signed content is missing");
    pxb_der x = pxb_der_inside(&explicit0);
    if (pxb_der_expect(&x, PXB_DER_SEQUENCE, signed_content) != 0)
        return fail(r, "its signed content is malformed");
    pxb_der s = pxb_der_inside(signed_content);
    if (pxb_der_expect(&s, PXB_DER_SEQUENCE, &data) != 0 ||
        pxb_der_expect(&s, PXB_DER_SEQUENCE, &digest_info) != 0)
        return fail(r, "its signed image hash is malformed");
    pxb_der di = pxb_der_inside(&digest_info);
    int kind;
    if (pxb_der_expect(&di, PXB_DER_SEQUENCE, &alg) != 0 ||
        (kind = read_digest_kind(&alg)) < 0 || pxb_der_expect(&di, PXB_DER_OCTET_STRING, &digest) != 0)
        return fail(r, "its image hash is neither SHA-256 nor SHA-1");
    sig->digest = (enum pxb_hash_kind)kind;
    const unsigned char *mine = image_hash(r, sig->digest);
    if (mine == NULL)
        return fail(r, "the file's PE layout cannot be hashed");
    sig->image_matches = digest.len == pxb_hash_len(sig->digest) &&
                         memcmp(digest.value, mine, digest.len) == 0;
    return 0;
}

/* The messageDigest attribute among a SignerInfo's authenticated attributes, or -1. */
static int find_message_digest(const pxb_der_item *attrs, pxb_der_item *value)
{
    pxb_der d = pxb_der_inside(attrs);
    pxb_der_item attr, oid, set;
    while (pxb_der_expect(&d, PXB_DER_SEQUENCE, &attr) == 0) {
        pxb_der a = pxb_der_inside(&attr);
        if (pxb_der_expect(&a, PXB_DER_OID, &oid) != 0 ||
            !pxb_der_is_oid(&oid, OID(OID_MESSAGE_DIGEST)) ||
            pxb_der_expect(&a, PXB_DER_SET, &set) != 0)
            continue;
        pxb_der v = pxb_der_inside(&set);
        return pxb_der_expect(&v, PXB_DER_OCTET_STRING, value);
    }
    return -1;
}

/* The first SignerInfo of signer_infos: its issuer CN and the signing certificate's
 * subject CN (from certs) into sig, its messageDigest checked against signed_content. */
static int read_signer(reading *r, const pxb_der_item *signer_infos, const pxb_der_item *certs,
                       const pxb_der_item *signed_content, pxb_signature *sig)
{
    pxb_der d = pxb_der_inside(signer_infos);
    pxb_der_item si, version, ias, issuer, serial, alg, attrs, md, enc_alg, encrypted, spki;
    if (pxb_der_expect(&d, PXB_DER_SEQUENCE, &si) != 0)
        return fail(r, "it has no signer");
    pxb_der s = pxb_der_inside(&si);
    if (pxb_der_expect(&s, PXB_DER_INTEGER, &version) != 0 ||
        pxb_der_expect(&s, PXB_DER_SEQUENCE, &ias) != 0 ||
        pxb_der_expect(&s, PXB_DER_SEQUENCE, &alg) != 0)
        return fail(r, "its signer is malformed");
    pxb_der in_ias = pxb_der_inside(&ias);
    if (pxb_der_expect(&in_ias, PXB_DER_SEQUENCE, &issuer) != 0 ||
        pxb_der_expect(&in_ias, PXB_DER_INTEGER, &serial) != 0)
        return fail(r, "its signer's certificate is not named");
    read_common_name(&issuer, sig->issuer, sizeof sig->issuer);
    int has_key = certs != NULL && read_signer_cert(certs, &issuer, &serial, sig, &spki) == 0;
    int kind = read_digest_kind(&alg);
    if (kind < 0)
        return fail(r, "its signer digests with neither SHA-256 nor SHA-1");
    if (pxb_der_expect(&s, PXB_DER_CONTEXT(0), &attrs) != 0 || find_message_digest(&attrs, &md) != 0)
        return fail(r, "its signer has no messageDigest attribute");
    unsigned char want[PXB_DIGEST_MAX];
    size_t n = pxb_hash_bytes((enum pxb_hash_kind)kind, signed_content->value,
                              signed_content->len, want);
    sig->content_matches = md.len == n && memcmp(md.value, want, n) == 0;
    if (has_key && pxb_der_expect(&s, PXB_DER_SEQUENCE, &enc_alg) == 0 &&
        pxb_der_expect(&s, PXB_DER_OCTET_STRING, &encrypted) == 0)
        check_rsa(&spki, &attrs, &encrypted, (enum pxb_hash_kind)kind, sig);
    return 0;
}

/* One PKCS#7 SignedData of len bytes at p into sig. */
static int read_signed_data(reading *r, const unsigned char *p, size_t len, pxb_signature *sig)
{
    pxb_der top = pxb_der_span(p, len);
    pxb_der_item ci, oid, explicit0, sd, item, content, certs, signed_content;
    if (pxb_der_expect(&top, PXB_DER_SEQUENCE, &ci) != 0)
        return fail(r, "it holds no PKCS#7 structure");
    pxb_der c = pxb_der_inside(&ci);
    if (pxb_der_expect(&c, PXB_DER_OID, &oid) != 0 || !pxb_der_is_oid(&oid, OID(OID_SIGNED_DATA)) ||
        pxb_der_expect(&c, PXB_DER_CONTEXT(0), &explicit0) != 0)
        return fail(r, "it holds no PKCS#7 SignedData");
    pxb_der e = pxb_der_inside(&explicit0);
    if (pxb_der_expect(&e, PXB_DER_SEQUENCE, &sd) != 0)
        return fail(r, "its SignedData is malformed");
    pxb_der s = pxb_der_inside(&sd);
    if (pxb_der_expect(&s, PXB_DER_INTEGER, &item) != 0 ||
        pxb_der_expect(&s, PXB_DER_SET, &item) != 0 ||
        pxb_der_expect(&s, PXB_DER_SEQUENCE, &content) != 0)
        return fail(r, "its SignedData is malformed");
    if (read_indirect(r, &content, sig, &signed_content) != 0)
        return -1;
    int has_certs = pxb_der_optional(&s, PXB_DER_CONTEXT(0), &certs) == 0;
    pxb_der_optional(&s, PXB_DER_CONTEXT(1), &item); /* crls */
    if (pxb_der_expect(&s, PXB_DER_SET, &item) != 0)
        return fail(r, "its SignedData has no signer infos");
    return read_signer(r, &item, has_certs ? &certs : NULL, &signed_content, sig);
}

/* Walks the certificate table's WIN_CERTIFICATE entries into out. */
static int read_table(reading *r, const unsigned char *table, size_t len, pxb_signatures *out)
{
    size_t at = 0;
    while (at + WIN_CERT_HEADER <= len) {
        uint32_t entry = get32(table + at);
        if (entry < WIN_CERT_HEADER || entry > len - at)
            return fail(r, "its certificate table has an entry of a wrong length");
        if (get16(table + at + 4) == WIN_CERT_REVISION_2 &&
            get16(table + at + 6) == WIN_CERT_TYPE_PKCS_SIGNED_DATA &&
            out->count < PXB_SIGNATURES_MAX) {
            pxb_signature *sig = &out->sig[out->count];
            memset(sig, 0, sizeof *sig);
            if (read_signed_data(r, table + at + WIN_CERT_HEADER, entry - WIN_CERT_HEADER, sig) != 0)
                return -1;
            out->count++;
        }
        at += (entry + 7u) & ~(size_t)7; /* entries are 8-byte aligned */
    }
    return out->count > 0 ? 0 : fail(r, "its certificate table holds no Authenticode signature");
}

/* Whether a signature holds: it signs the file's hash and its signed attributes, with an
 * RSA signature that matches the signer's key where that key could be read. */
static int sig_holds(const pxb_signature *s)
{
    return s->image_matches && s->content_matches && (!s->rsa_checked || s->rsa_matches);
}

/* The verdict once the signatures are read. */
static void judge(pxb_signatures *out)
{
    out->verdict = PXB_SIG_MISMATCH;
    for (size_t i = 0; i < out->count; i++)
        if (sig_holds(&out->sig[i])) {
            out->verdict = PXB_SIG_SIGNED;
            return;
        }
    const pxb_signature *s = &out->sig[0];
    snprintf(out->why, sizeof out->why, "%s", !s->image_matches
             ? "the image hash it signs is not the file's (the file was changed after signing)"
             : !s->content_matches ? "its messageDigest is not the digest of the content it signs"
             : "its RSA signature does not match its signer's key");
}

void pxb_authenticode_read(const unsigned char *file, size_t len, pxb_signatures *out)
{
    static reading r; /* large: the image hashes and the reason */
    size_t at, table_len;
    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.file = file;
    r.len = len;
    if (pxb_pe_cert_table(file, len, &at, &table_len, &r.why) != 0 ||
        (table_len > 0 && read_table(&r, file + at, table_len, out) != 0)) {
        out->verdict = PXB_SIG_UNREADABLE;
        snprintf(out->why, sizeof out->why, "%.*s", (int)sizeof out->why - 1, r.why.text);
        return;
    }
    if (table_len == 0) {
        out->verdict = PXB_SIG_UNSIGNED;
        return;
    }
    judge(out);
}

int pxb_sig_by_microsoft(const pxb_signature *sig)
{
    static const char *const CAS[] = {"Microsoft Corporation UEFI CA ", "Microsoft UEFI CA ",
                                      "Microsoft Windows Production PCA ", "Windows UEFI CA "};
    for (size_t i = 0; i < sizeof CAS / sizeof CAS[0]; i++)
        if (strncmp(sig->issuer, CAS[i], strlen(CAS[i])) == 0)
            return 1;
    return 0;
}

int pxb_sig_refused(const pxb_signatures *sigs)
{
    if (sigs->verdict != PXB_SIG_SIGNED)
        return 1;
    for (size_t i = 0; i < sigs->count; i++)
        if (sig_holds(&sigs->sig[i]) && pxb_sig_by_microsoft(&sigs->sig[i]))
            return 0;
    return 1;
}

const char *pxb_sig_verdict_name(enum pxb_sig_verdict verdict)
{
    return VERDICTS[verdict];
}

/* "signed by ISSUER (signer SUBJECT), ..." into out. */
static void describe_signers(const pxb_signatures *sigs, char *out, size_t out_len)
{
    size_t used = (size_t)snprintf(out, out_len, "signed by ");
    for (size_t i = 0; i < sigs->count && used < out_len; i++) {
        const pxb_signature *s = &sigs->sig[i];
        used += (size_t)snprintf(out + used, out_len - used, "%s%s%s%s%s", i ? ", " : "",
                                 s->issuer[0] ? s->issuer : "an unnamed CA",
                                 s->signer[0] ? " (signer " : "", s->signer,
                                 s->signer[0] ? ")" : "");
    }
}

void pxb_sig_describe(const pxb_signatures *sigs, char *out, size_t out_len)
{
    char signers[PXB_SIGNATURES_MAX * 2 * PXB_SIG_NAME_MAX + 64];
    switch (sigs->verdict) {
    case PXB_SIG_UNSIGNED:
        snprintf(out, out_len, "unsigned: refused by Secure Boot firmware");
        return;
    case PXB_SIG_UNREADABLE:
        snprintf(out, out_len, "signature unreadable (%s): refused by Secure Boot firmware",
                 sigs->why);
        return;
    case PXB_SIG_MISMATCH:
        snprintf(out, out_len, "signature does not match the file (%s): refused by Secure "
                 "Boot firmware", sigs->why);
        return;
    default:
        describe_signers(sigs, signers, sizeof signers);
        snprintf(out, out_len, "%s%s", signers, pxb_sig_refused(sigs)
                 ? ": no Microsoft UEFI CA, so refused by Secure Boot firmware as a first "
                   "stage (a shim trusting that CA loads it)" : "");
        return;
    }
}
