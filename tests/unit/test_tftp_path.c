/* test_tftp_path.c: unit tests for tftp_path_normalize: the names PXE clients really send
 * are accepted in normalised form, and every kind of name that could leave the TFTP root or
 * reach a Windows device, stream or alias is refused with its own reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tftp_path.h"

#define R_EMPTY "empty file name"
#define R_TOO_LONG "file name is too long"
#define R_UTF8 "file name is not valid UTF-8"
#define R_NETWORK "network and device paths are not allowed"
#define R_PARENT "path leaves the TFTP root"
#define R_COLON "drive letters and streams are not allowed"
#define R_CONTROL "control characters are not allowed"
#define R_RESERVED "characters < > \" | ? * are not allowed"
#define R_PART_LONG "a path component is too long"
#define R_TRAILING "names ending in a dot or space are not allowed"
#define R_DEVICE "DOS device names are not allowed"

/* One request name: raw bytes (len 0 means strlen) and the expected path or reason. */
typedef struct path_case {
    const char *raw;
    size_t len;
    const char *expect;
} path_case;

static size_t case_length(const path_case *c)
{
    return c->len != 0 ? c->len : strlen(c->raw);
}

static void expect_accepted(const path_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char out[TFTP_PATH_MAX];
        const char *reason = NULL;
        int rc = tftp_path_normalize(cases[i].raw, case_length(&cases[i]), out, sizeof out,
                                     &reason);
        if (rc != 0)
            print_error("refused \"%s\": %s\n", cases[i].raw, reason);
        assert_int_equal(rc, 0);
        assert_string_equal(out, cases[i].expect);
    }
}

static void expect_refused(const path_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char out[TFTP_PATH_MAX];
        const char *reason = NULL;
        int rc = tftp_path_normalize(cases[i].raw, case_length(&cases[i]), out, sizeof out,
                                     &reason);
        if (rc == 0)
            print_error("accepted \"%s\" as \"%s\"\n", cases[i].raw, out);
        assert_int_equal(rc, -1);
        assert_non_null(reason);
        assert_string_equal(reason, cases[i].expect);
    }
}

#define EXPECT_ACCEPTED(cases) expect_accepted(cases, sizeof cases / sizeof cases[0])
#define EXPECT_REFUSED(cases) expect_refused(cases, sizeof cases / sizeof cases[0])

static void accepts_client_names(void **state)
{
    static const path_case cases[] = {
        {"/undionly.kpxe", 0, "undionly.kpxe"},
        {"undionly.kpxe", 0, "undionly.kpxe"},
        {"\\Boot\\x64\\wdsmgfw.efi", 0, "Boot/x64/wdsmgfw.efi"},
        {"pxelinux.cfg/01-aa-bb-cc-dd-ee-ff", 0, "pxelinux.cfg/01-aa-bb-cc-dd-ee-ff"},
        {"boot/x64\\ipxe.efi", 0, "boot/x64/ipxe.efi"},
        {"caf\xc3\xa9/\xe2\x82\xac.cfg", 0, "caf\xc3\xa9/\xe2\x82\xac.cfg"},
        {"a\xf0\x9f\x98\x80", 0, "a\xf0\x9f\x98\x80"},
        {"my file.cfg", 0, "my file.cfg"},
        {".hidden", 0, ".hidden"},
        {"..a", 0, "..a"},
        {"a..b", 0, "a..b"},
    };
    EXPECT_ACCEPTED(cases);
}

static void strips_trailing_ff(void **state)
{
    static const path_case cases[] = {
        {"undionly.kpxe\xff", 0, "undionly.kpxe"},
        {"/pxelinux.0\xff\xff", 0, "pxelinux.0"},
    };
    EXPECT_ACCEPTED(cases);
}

static void collapses_separators_and_dots(void **state)
{
    static const path_case cases[] = {
        {"boot//x64///ipxe.efi", 0, "boot/x64/ipxe.efi"},
        {"./boot/./ipxe.efi", 0, "boot/ipxe.efi"},
        {"/boot\\/.\\x", 0, "boot/x"},
        {"boot/", 0, "boot"},
        {"boot\\\\", 0, "boot"},
    };
    EXPECT_ACCEPTED(cases);
}

static void accepts_names_near_devices(void **state)
{
    static const path_case cases[] = {
        {"console.efi", 0, "console.efi"}, {"conx", 0, "conx"},
        {"com10", 0, "com10"},             {"com", 0, "com"},
        {"lpt", 0, "lpt"},                 {"nul0", 0, "nul0"},
        {"CONx.txt", 0, "CONx.txt"},       {"auxiliary/con2", 0, "auxiliary/con2"},
        {"clock", 0, "clock"},             {"comA", 0, "comA"},
        {"x.con", 0, "x.con"},
    };
    EXPECT_ACCEPTED(cases);
}

static void accepts_names_at_the_limits(void **state)
{
    char part[256];
    char whole[TFTP_PATH_MAX + 1];
    char expect[TFTP_PATH_MAX];
    path_case cases[2];

    memset(part, 'a', 255);
    part[255] = '\0';
    /* four 255-byte components and three separators: exactly TFTP_PATH_MAX - 1 bytes */
    snprintf(whole, sizeof whole, "%s/%s/%s/%s", part, part, part, part);
    assert_int_equal(strlen(whole), TFTP_PATH_MAX - 1);
    memcpy(expect, whole, sizeof expect);
    whole[TFTP_PATH_MAX - 1] = '\xff';
    cases[0] = (path_case){part, 0, part};
    cases[1] = (path_case){whole, TFTP_PATH_MAX, expect};
    EXPECT_ACCEPTED(cases);
}

static void refuses_empty_names(void **state)
{
    static const path_case cases[] = {
        {"", 0, R_EMPTY},   {"\xff", 0, R_EMPTY}, {"/", 0, R_EMPTY},
        {"\\", 0, R_EMPTY}, {".", 0, R_EMPTY},    {"/././/", 0, R_EMPTY},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_parent_components(void **state)
{
    static const path_case cases[] = {
        {"../etc/passwd", 0, R_PARENT},
        {"boot/../../secret", 0, R_PARENT},
        {"/..", 0, R_PARENT},
        {"\\..\\windows\\win.ini", 0, R_PARENT},
        {"boot/..", 0, R_PARENT},
        {"boot\\..\\x", 0, R_PARENT},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_network_and_device_prefixes(void **state)
{
    static const path_case cases[] = {
        {"\\\\server\\share\\x.efi", 0, R_NETWORK},
        {"//server/share/x.efi", 0, R_NETWORK},
        {"\\\\?\\C:\\x.efi", 0, R_NETWORK},
        {"\\\\.\\PhysicalDrive0", 0, R_NETWORK},
        {"/\\x", 0, R_NETWORK},
        {"\\/x", 0, R_NETWORK},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_colons(void **state)
{
    static const path_case cases[] = {
        {"C:\\Windows\\win.ini", 0, R_COLON},
        {"c:boot.ini", 0, R_COLON},
        {"/D:/x", 0, R_COLON},
        {"undionly.kpxe:stream", 0, R_COLON},
        {"undionly.kpxe::$DATA", 0, R_COLON},
        {"boot/x64:y/ipxe.efi", 0, R_COLON},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_control_characters(void **state)
{
    static const path_case cases[] = {
        {"a\x01" "b", 0, R_CONTROL}, {"a\x1f", 0, R_CONTROL},
        {"a\x7f" "b", 0, R_CONTROL}, {"tab\tname", 0, R_CONTROL},
        {"line\nfeed", 0, R_CONTROL}, {"nul\0after", 9, R_CONTROL},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_reserved_characters(void **state)
{
    static const path_case cases[] = {
        {"a<b", 0, R_RESERVED}, {"a>b", 0, R_RESERVED}, {"a\"b", 0, R_RESERVED},
        {"a|b", 0, R_RESERVED}, {"a?b", 0, R_RESERVED}, {"boot/*.efi", 0, R_RESERVED},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_trailing_dot_or_space(void **state)
{
    static const path_case cases[] = {
        {"undionly.kpxe.", 0, R_TRAILING}, {"CON ", 0, R_TRAILING},
        {"boot./ipxe.efi", 0, R_TRAILING}, {"boot /ipxe.efi", 0, R_TRAILING},
        {"...", 0, R_TRAILING},            {"ipxe.efi ", 0, R_TRAILING},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_dos_device_names(void **state)
{
    static const path_case cases[] = {
        {"CON", 0, R_DEVICE},        {"con", 0, R_DEVICE},       {"Con.txt", 0, R_DEVICE},
        {"boot/nul", 0, R_DEVICE},   {"PRN", 0, R_DEVICE},       {"aux.efi", 0, R_DEVICE},
        {"NUL.tar.gz", 0, R_DEVICE}, {"COM1", 0, R_DEVICE},      {"com0", 0, R_DEVICE},
        {"LPT9.log", 0, R_DEVICE},   {"lpt0", 0, R_DEVICE},      {"CONIN$", 0, R_DEVICE},
        {"conout$.x", 0, R_DEVICE},  {"CLOCK$", 0, R_DEVICE},    {"con .txt", 0, R_DEVICE},
        {"COM\xc2\xb9", 0, R_DEVICE}, {"lpt\xc2\xb2.txt", 0, R_DEVICE},
        {"com\xc2\xb3", 0, R_DEVICE},
    };
    EXPECT_REFUSED(cases);
}

static void refuses_invalid_utf8(void **state)
{
    static const path_case cases[] = {
        {"\xc0\xaf", 0, R_UTF8},           /* overlong '/' */
        {"a\xe0\x80\xaf", 0, R_UTF8},      /* overlong, three bytes */
        {"\xed\xa0\x80", 0, R_UTF8},       /* surrogate */
        {"\xf4\x90\x80\x80", 0, R_UTF8},   /* above U+10FFFF */
        {"\xf0\x80\x80\xaf", 0, R_UTF8},   /* overlong, four bytes */
        {"\x80", 0, R_UTF8},               /* lone continuation */
        {"caf\xc3", 0, R_UTF8},            /* truncated */
        {"caf\xc3\xff", 0, R_UTF8},        /* truncated before the stripped 0xFF */
        {"a\xff" "b", 0, R_UTF8},          /* 0xFF not at the end */
        {"\xe2\x82" "x", 0, R_UTF8},       /* bad continuation */
    };
    EXPECT_REFUSED(cases);
}

static void refuses_over_long_names(void **state)
{
    char part[257];
    char whole[TFTP_PATH_MAX + 1];
    path_case cases[2];

    memset(part, 'a', 256);
    part[256] = '\0';
    memset(whole, 'b', TFTP_PATH_MAX);
    whole[TFTP_PATH_MAX] = '\0';
    cases[0] = (path_case){part, 0, R_PART_LONG};
    cases[1] = (path_case){whole, 0, R_TOO_LONG};
    EXPECT_REFUSED(cases);
}

static void refuses_output_too_small(void **state)
{
    char out[6];
    const char *reason = NULL;

    assert_int_equal(tftp_path_normalize("abcde", 5, out, sizeof out, &reason), 0);
    assert_string_equal(out, "abcde");
    assert_int_equal(tftp_path_normalize("abc/def", 7, out, sizeof out, &reason), -1);
    assert_string_equal(reason, R_TOO_LONG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_client_names),
        cmocka_unit_test(strips_trailing_ff),
        cmocka_unit_test(collapses_separators_and_dots),
        cmocka_unit_test(accepts_names_near_devices),
        cmocka_unit_test(accepts_names_at_the_limits),
        cmocka_unit_test(refuses_empty_names),
        cmocka_unit_test(refuses_parent_components),
        cmocka_unit_test(refuses_network_and_device_prefixes),
        cmocka_unit_test(refuses_colons),
        cmocka_unit_test(refuses_control_characters),
        cmocka_unit_test(refuses_reserved_characters),
        cmocka_unit_test(refuses_trailing_dot_or_space),
        cmocka_unit_test(refuses_dos_device_names),
        cmocka_unit_test(refuses_invalid_utf8),
        cmocka_unit_test(refuses_over_long_names),
        cmocka_unit_test(refuses_output_too_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
