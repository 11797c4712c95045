/* pe_hash.c: the certificate table and Authenticode image hash of a PE image (see
 * pe_hash.h). The extra data after the sections is hashed as EDK2's Secure Boot does, the
 * firmware whose verdict matters: from the count of bytes hashed so far up to the
 * certificate table's size before the file's end. */
#include "pe_hash.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LFANEW_AT 0x3C
#define SECTIONS_AT 6        /* COFF NumberOfSections, from the PE signature */
#define OPT_SIZE_AT 20       /* COFF SizeOfOptionalHeader */
#define OPT_AT 24            /* the optional header */
#define CHECKSUM_AT 64       /* in the optional header, PE32 and PE32+ */
#define HEADERS_SIZE_AT 60   /* SizeOfHeaders */
#define SECURITY_DIR 4       /* the certificate table's data directory index */
#define SECTION_SIZE 40
#define RAW_SIZE_AT 16       /* in a section header */
#define RAW_AT 20

/* The offsets the hash and the certificate table need. */
typedef struct pe_layout {
    size_t checksum;         /* the checksum field */
    size_t security;         /* the security directory entry (8 bytes) */
    size_t headers;          /* SizeOfHeaders */
    size_t sections;         /* the section table */
    unsigned section_count;
    size_t cert_at, cert_len;
} pe_layout;

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* The data directories' offset and count for the optional header at opt; -1 if its magic
 * is neither PE32 nor PE32+. */
static int data_dirs(const unsigned char *file, size_t opt, size_t *dirs, size_t *count_at)
{
    unsigned magic = get16(file + opt);
    if (magic != 0x10b && magic != 0x20b)
        return -1;
    *count_at = opt + (magic == 0x10b ? 92 : 108);
    *dirs = *count_at + 4;
    return 0;
}

static int read_layout(const unsigned char *file, size_t len, pe_layout *l, pxb_error *err)
{
    size_t pe, dirs, count_at;
    if (len < LFANEW_AT + 4 || file[0] != 'M' || file[1] != 'Z' ||
        (pe = get32(file + LFANEW_AT)) > len - 4 || memcmp(file + pe, "PE\0\0", 4) != 0) {
        pxb_error_set(err, "it is not a PE image (no MZ and PE headers)");
        return -1;
    }
    if (pe + OPT_AT + 2 > len || data_dirs(file, pe + OPT_AT, &dirs, &count_at) != 0) {
        pxb_error_set(err, "its PE optional header is cut short or neither PE32 nor PE32+");
        return -1;
    }
    l->sections = pe + OPT_AT + get16(file + pe + OPT_SIZE_AT);
    l->section_count = get16(file + pe + SECTIONS_AT);
    l->checksum = pe + OPT_AT + CHECKSUM_AT;
    l->security = dirs + 8 * SECURITY_DIR;
    if (l->security + 8 > l->sections || l->sections > len ||
        l->section_count > PXB_PE_SECTIONS_MAX ||
        l->sections + (size_t)SECTION_SIZE * l->section_count > len) {
        pxb_error_set(err, "its PE headers are cut short or hold no security directory");
        return -1;
    }
    l->headers = get32(file + pe + OPT_AT + HEADERS_SIZE_AT);
    int has_dir = get32(file + count_at) > SECURITY_DIR;
    l->cert_at = has_dir ? get32(file + l->security) : 0;
    l->cert_len = has_dir ? get32(file + l->security + 4) : 0;
    if (l->headers < l->security + 8 || l->headers > len) {
        pxb_error_set(err, "its SizeOfHeaders (%zu) is outside the file", l->headers);
        return -1;
    }
    if (l->cert_len > 0 && (l->cert_at > len || l->cert_len > len - l->cert_at)) {
        pxb_error_set(err, "its certificate table (%zu bytes at %zu) is outside the file",
                      l->cert_len, l->cert_at);
        return -1;
    }
    if (l->cert_len == 0)
        l->cert_at = 0;
    return 0;
}

int pxb_pe_cert_table(const unsigned char *file, size_t len, size_t *at, size_t *table_len,
                      pxb_error *err)
{
    pe_layout l;
    if (read_layout(file, len, &l, err) != 0)
        return -1;
    *at = l.cert_at;
    *table_len = l.cert_len;
    return 0;
}

/* The section table's (offset, size) pairs with raw data, sorted by offset, into raw;
 * returns how many, or -1 if one lies outside the file. */
static int sorted_sections(const unsigned char *file, size_t len, const pe_layout *l,
                           size_t raw[PXB_PE_SECTIONS_MAX][2])
{
    int n = 0;
    for (unsigned i = 0; i < l->section_count; i++) {
        const unsigned char *s = file + l->sections + (size_t)SECTION_SIZE * i;
        size_t size = get32(s + RAW_SIZE_AT), at = get32(s + RAW_AT);
        if (size == 0)
            continue;
        if (at > len || size > len - at)
            return -1;
        int j = n++;
        for (; j > 0 && raw[j - 1][0] > at; j--) {
            raw[j][0] = raw[j - 1][0];
            raw[j][1] = raw[j - 1][1];
        }
        raw[j][0] = at;
        raw[j][1] = size;
    }
    return n;
}

int pxb_pe_image_hash(const unsigned char *file, size_t len, enum pxb_hash_kind kind,
                      unsigned char out[PXB_DIGEST_MAX], size_t *out_len, pxb_error *err)
{
    pe_layout l;
    size_t raw[PXB_PE_SECTIONS_MAX][2];
    pxb_hash h;
    if (read_layout(file, len, &l, err) != 0)
        return -1;
    int n = sorted_sections(file, len, &l, raw);
    if (n < 0) {
        pxb_error_set(err, "one of its sections lies outside the file");
        return -1;
    }
    pxb_hash_init(&h, kind);
    pxb_hash_feed(&h, file, l.checksum);
    pxb_hash_feed(&h, file + l.checksum + 4, l.security - (l.checksum + 4));
    pxb_hash_feed(&h, file + l.security + 8, l.headers - (l.security + 8));
    size_t hashed = l.headers;
    for (int i = 0; i < n; i++) {
        pxb_hash_feed(&h, file + raw[i][0], raw[i][1]);
        hashed += raw[i][1];
    }
    if (len > hashed + l.cert_len)
        pxb_hash_feed(&h, file + hashed, len - l.cert_len - hashed);
    *out_len = pxb_hash_finish(&h, out);
    return 0;
}
