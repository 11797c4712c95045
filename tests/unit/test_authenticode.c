/* test_authenticode.c: unit tests for the Authenticode signature reader on real images:
 * Debian's Microsoft-signed shim (two signatures, the 2011 and 2023 UEFI CAs), Debian's
 * signed GRUB (Debian's CA: no first stage), the same chain's ARM64 builds, Debian's unsigned snponly.efi, copies changed by
 * one byte (in a section: mismatch; in the checksum: still signed; in the messageDigest or
 * the RSA signature: mismatch), a cut-short copy and a file that is no PE image; SHA-256
 * and SHA-1 on known vectors; and cross-checks against sbverify (the signers) and osslsigncode (the image
 * hash). The images come from `make firmware` under $OUT (default out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "authenticode.h"
#include "pe_hash.h"
#include "sha256.h"

#define SHIM "secureboot/shimx64.efi"
#define GRUB "secureboot/grubx64.efi"
#define SNPONLY "snponly.efi"
#define SHIM_TEXT_AT 0x21100 /* a byte of shim's .text section */
#define SHIM_CHECKSUM_AT 0xd8 /* 0x80 (e_lfanew) + 24 + 64 */

static unsigned char *file;
static size_t file_len;
static pxb_signatures sigs;
static char text[2048];

static void image_path(const char *name, char *out, size_t out_len)
{
    const char *out_dir = getenv("OUT");
    snprintf(out, out_len, "%s/firmware/%s", out_dir && out_dir[0] ? out_dir : "out", name);
}

/* Reads the image name into file. */
static void load(const char *name)
{
    char path[512];
    image_path(name, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("%s is missing: run make firmware first", path);
    free(file);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    file_len = (size_t)ftell(f);
    rewind(f);
    file = malloc(file_len);
    assert_non_null(file);
    assert_int_equal(fread(file, 1, file_len, f), file_len);
    fclose(f);
}

static void read_sigs(void)
{
    pxb_authenticode_read(file, file_len, &sigs);
    pxb_sig_describe(&sigs, text, sizeof text);
}

/* Runs tool on the image name and returns its standard output in out. */
static void run(const char *tool, const char *name, char *out, size_t out_len)
{
    char path[512], line[1024];
    image_path(name, path, sizeof path);
    snprintf(line, sizeof line, "%s '%s' 2>/dev/null", tool, path);
    FILE *p = popen(line, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, out_len - 1, p);
    out[n] = '\0';
    pclose(p);
}

/* Reads the image name's signatures, which must be count signatures matching it. */
static void read_signed(const char *name, size_t count)
{
    load(name);
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_SIGNED);
    assert_int_equal(sigs.count, count);
}

static void hex(const unsigned char *d, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++)
        sprintf(out + 2 * i, "%02X", d[i]);
}

static void test_digests_of_known_vectors(void **state)
{
    (void)state;
    unsigned char d[PXB_DIGEST_MAX];
    char h[2 * PXB_DIGEST_MAX + 1];
    hex(d, pxb_hash_bytes(PXB_HASH_SHA256, "abc", 3, d), h);
    assert_string_equal(h, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    hex(d, pxb_hash_bytes(PXB_HASH_SHA1, "abc", 3, d), h);
    assert_string_equal(h, "A9993E364706816ABA3E25717850C26C9CD0D89D");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex(d, pxb_hash_bytes(PXB_HASH_SHA256, two, strlen(two), d), h);
    assert_string_equal(h, "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1");
    char a[1000];
    pxb_hash x;
    memset(a, 'a', sizeof a);
    pxb_hash_init(&x, PXB_HASH_SHA1);
    for (int i = 0; i < 1000; i++)
        pxb_hash_feed(&x, a, sizeof a);
    hex(d, pxb_hash_finish(&x, d), h);
    assert_string_equal(h, "34AA973CD4C4DAA4F61EEB2BDBAD27316534016F");
}

static void test_shim_is_signed_by_both_microsoft_cas(void **state)
{
    (void)state;
    read_signed(SHIM, 2);
    assert_string_equal(sigs.sig[0].issuer, "Microsoft Corporation UEFI CA 2011");
    assert_string_equal(sigs.sig[0].signer, "Microsoft Windows UEFI Driver Publisher");
    assert_string_equal(sigs.sig[1].issuer, "Microsoft UEFI CA 2023");
    assert_int_equal(sigs.sig[0].digest, PXB_HASH_SHA256);
    assert_true(sigs.sig[0].image_matches && sigs.sig[0].content_matches);
    for (size_t i = 0; i < sigs.count; i++)
        assert_true(sigs.sig[i].rsa_checked && sigs.sig[i].rsa_matches);
    assert_true(pxb_sig_by_microsoft(&sigs.sig[1]));
    assert_false(pxb_sig_refused(&sigs));
    assert_non_null(strstr(text, "signed by Microsoft Corporation UEFI CA 2011"));
    assert_null(strstr(text, "refused"));
}

static void test_grub_is_signed_by_debian_not_a_first_stage(void **state)
{
    (void)state;
    read_signed(GRUB, 1);
    assert_string_equal(sigs.sig[0].issuer, "Debian Secure Boot CA");
    assert_string_equal(sigs.sig[0].signer, "Debian Secure Boot Signer 2022 - grub2");
    assert_true(pxb_sig_refused(&sigs));
    assert_non_null(strstr(text, "signed by Debian Secure Boot CA"));
    assert_non_null(strstr(text, "refused by Secure Boot firmware as a first stage"));
}

/* The ARM64 chain: the shim signed by both Microsoft CAs, GRUB and the helpers by Debian's,
 * every signature matching its file. */
static void test_arm64_chain_is_signed_like_x64(void **state)
{
    (void)state;
    const char *debian[] = {"secureboot/grubaa64.efi", "secureboot/mmaa64.efi",
                            "secureboot/fbaa64.efi"};
    read_signed("secureboot/shimaa64.efi", 2);
    assert_string_equal(sigs.sig[0].issuer, "Microsoft Corporation UEFI CA 2011");
    assert_string_equal(sigs.sig[1].issuer, "Microsoft UEFI CA 2023");
    assert_false(pxb_sig_refused(&sigs));
    for (size_t i = 0; i < sizeof debian / sizeof debian[0]; i++) {
        read_signed(debian[i], 1);
        assert_string_equal(sigs.sig[0].issuer, "Debian Secure Boot CA");
        assert_true(sigs.sig[0].image_matches && sigs.sig[0].content_matches);
        assert_true(sigs.sig[0].rsa_checked && sigs.sig[0].rsa_matches);
    }
}

static void test_unsigned_ipxe_is_refused(void **state)
{
    (void)state;
    load(SNPONLY);
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_UNSIGNED);
    assert_int_equal(sigs.count, 0);
    assert_true(pxb_sig_refused(&sigs));
    assert_string_equal(text, "unsigned: refused by Secure Boot firmware");
    assert_string_equal(pxb_sig_verdict_name(sigs.verdict), "unsigned");
}

static void test_one_byte_changed_in_a_section_is_a_mismatch(void **state)
{
    (void)state;
    load(SHIM);
    file[SHIM_TEXT_AT] ^= 0x01;
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_MISMATCH);
    assert_false(sigs.sig[0].image_matches);
    assert_true(sigs.sig[0].content_matches);
    assert_true(pxb_sig_refused(&sigs));
    assert_non_null(strstr(text, "signature does not match the file"));
    assert_non_null(strstr(text, "refused by Secure Boot firmware"));
}

static void test_the_checksum_is_not_signed(void **state)
{
    (void)state;
    load(SHIM);
    file[SHIM_CHECKSUM_AT] ^= 0xff;
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_SIGNED);
}

/* The first messageDigest attribute's value in file: after its OID, SET and OCTET STRING. */
static unsigned char *message_digest(void)
{
    static const unsigned char attr[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
                                         0x09, 0x04, 0x31, 0x22, 0x04, 0x20};
    for (size_t i = 0; i + sizeof attr < file_len; i++)
        if (memcmp(file + i, attr, sizeof attr) == 0)
            return file + i + sizeof attr;
    fail_msg("no messageDigest attribute");
    return NULL;
}

static void test_a_changed_message_digest_is_a_mismatch(void **state)
{
    (void)state;
    load(GRUB);
    message_digest()[5] ^= 0x10;
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_MISMATCH);
    assert_true(sigs.sig[0].image_matches);
    assert_false(sigs.sig[0].content_matches);
    assert_non_null(strstr(text, "messageDigest"));
}

/* The RSA signature over the signed attributes: the 256-byte encryptedDigest after them
 * (OCTET STRING 04 82 01 00), one byte changed, no longer matches the signer's key. */
static void test_a_changed_rsa_signature_is_a_mismatch(void **state)
{
    (void)state;
    static const unsigned char octets_256[] = {0x04, 0x82, 0x01, 0x00};
    load(GRUB);
    unsigned char *at = message_digest();
    size_t from = (size_t)(at - file);
    for (; from + sizeof octets_256 < file_len; from++)
        if (memcmp(file + from, octets_256, sizeof octets_256) == 0)
            break;
    assert_true(from + sizeof octets_256 + 256 <= file_len);
    read_sigs();
    assert_true(sigs.sig[0].rsa_checked && sigs.sig[0].rsa_matches);
    file[from + sizeof octets_256 + 100] ^= 0x01;
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_MISMATCH);
    assert_true(sigs.sig[0].image_matches && sigs.sig[0].content_matches);
    assert_true(sigs.sig[0].rsa_checked);
    assert_false(sigs.sig[0].rsa_matches);
    assert_non_null(strstr(text, "RSA signature does not match"));
}

static void test_cut_short_and_not_pe_are_unreadable(void **state)
{
    (void)state;
    load(SHIM);
    pxb_authenticode_read(file, file_len - 100, &sigs);
    assert_int_equal(sigs.verdict, PXB_SIG_UNREADABLE);
    assert_non_null(strstr(sigs.why, "certificate table"));
    assert_true(pxb_sig_refused(&sigs));
    load("undionly.kpxe");
    read_sigs();
    assert_int_equal(sigs.verdict, PXB_SIG_UNREADABLE);
    assert_non_null(strstr(text, "not a PE image"));
    pxb_authenticode_read(file, 0, &sigs);
    assert_int_equal(sigs.verdict, PXB_SIG_UNREADABLE);
}

/* The issuers sbverify --list names: what this reader says, in the same order. */
static void test_signers_agree_with_sbverify(void **state)
{
    (void)state;
    const char *images[] = {SHIM, GRUB, "secureboot/mmx64.efi", "secureboot/shimaa64.efi",
                            "secureboot/grubaa64.efi"};
    char out[8192], want[256];
    for (size_t i = 0; i < sizeof images / sizeof images[0]; i++) {
        run("sbverify --list", images[i], out, sizeof out);
        load(images[i]);
        read_sigs();
        const char *at = out;
        for (size_t k = 0; k < sigs.count; k++) {
            snprintf(want, sizeof want, "CN=%s\nimage signature certificates:",
                     sigs.sig[k].issuer);
            at = strstr(at, "image signature issuers:");
            assert_non_null(at);
            assert_non_null(strstr(at, want));
            at++;
        }
        assert_null(strstr(at, "image signature issuers:"));
    }
}

/* osslsigncode's "Calculated message digest" is this reader's SHA-256 image hash. */
static void test_image_hash_agrees_with_osslsigncode(void **state)
{
    (void)state;
    char out[8192], want[2 * PXB_DIGEST_MAX + 1];
    pxb_error err = {0};
    unsigned char d[PXB_DIGEST_MAX];
    size_t len;
    run("osslsigncode verify -in", GRUB, out, sizeof out);
    const char *at = strstr(out, "Calculated message digest : ");
    assert_non_null(at);
    load(GRUB);
    assert_int_equal(pxb_pe_image_hash(file, file_len, PXB_HASH_SHA256, d, &len, &err), 0);
    hex(d, len, want);
    assert_memory_equal(at + strlen("Calculated message digest : "), want, 2 * len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digests_of_known_vectors),
        cmocka_unit_test(test_shim_is_signed_by_both_microsoft_cas),
        cmocka_unit_test(test_grub_is_signed_by_debian_not_a_first_stage),
        cmocka_unit_test(test_arm64_chain_is_signed_like_x64),
        cmocka_unit_test(test_unsigned_ipxe_is_refused),
        cmocka_unit_test(test_one_byte_changed_in_a_section_is_a_mismatch),
        cmocka_unit_test(test_the_checksum_is_not_signed),
        cmocka_unit_test(test_a_changed_message_digest_is_a_mismatch),
        cmocka_unit_test(test_a_changed_rsa_signature_is_a_mismatch),
        cmocka_unit_test(test_cut_short_and_not_pe_are_unreadable),
        cmocka_unit_test(test_signers_agree_with_sbverify),
        cmocka_unit_test(test_image_hash_agrees_with_osslsigncode),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(file);
    return rc;
}
