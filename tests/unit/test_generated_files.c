/* test_generated_files.c: unit tests for the generated-files layer over a fake inner
 * provider: a generated file answers only when the root has none of that name (the admin's
 * own file wins), names match ignoring case, the netascii form is converted, a replaced file
 * stays intact for the transfer holding it, other outcomes and releases pass through to the
 * inner provider, bad names are refused, and generated_files_has names the generated files.
 * AddressSanitizer checks every blob is freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "generated_files.h"

/* The inner provider: "admin.txt" always, "boot.ipxe" when own_script is set, "secret"
 * denied; counts what it hands out and gets back. */
typedef struct fake_root {
    int own_script;
    int opened, released;
    tftp_blob own;
} fake_root;

static int fake_open(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                     pxb_error *message)
{
    fake_root *root = ctx;
    int own = strcmp(relpath, "admin.txt") == 0 ||
              (root->own_script && strcmp(relpath, "boot.ipxe") == 0);

    (void)netascii;
    if (strcmp(relpath, "secret") == 0)
        return TFTP_OPEN_DENIED;
    if (!own) {
        pxb_error_set(message, "no such file");
        return TFTP_OPEN_NOT_FOUND;
    }
    root->opened++;
    *blob = &root->own;
    return TFTP_OPEN_OK;
}

static void fake_release(void *ctx, const tftp_blob *blob)
{
    fake_root *root = ctx;

    assert_ptr_equal(blob, &root->own);
    root->released++;
}

typedef struct fixture {
    fake_root root;
    generated_files *gf;
    tftp_files files;
} fixture;

static int setup(void **state)
{
    static fixture f;
    tftp_files inner = {&f.root, fake_open, fake_release};

    memset(&f, 0, sizeof f);
    f.root.own.data = (const uint8_t *)"ADMIN";
    f.root.own.size = 5;
    f.gf = generated_files_create(inner);
    assert_non_null(f.gf);
    f.files = generated_files_provider(f.gf);
    assert_int_equal(generated_files_set(f.gf, "boot.ipxe", "#!ipxe\necho hi\n", 15), 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    generated_files_destroy(f->gf);
    return 0;
}

static const tftp_blob *open_ok(fixture *f, const char *path, int netascii)
{
    const tftp_blob *blob = NULL;

    assert_int_equal(f->files.open(f->files.ctx, path, netascii, &blob, NULL), TFTP_OPEN_OK);
    assert_non_null(blob);
    return blob;
}

static void assert_bytes(const tftp_blob *blob, const char *want)
{
    assert_int_equal(blob->size, strlen(want));
    assert_memory_equal(blob->data, want, strlen(want));
}

static void test_served_when_root_has_none(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob = open_ok(f, "boot.ipxe", 0);

    assert_bytes(blob, "#!ipxe\necho hi\n");
    assert_int_equal(f->root.opened, 0);
    f->files.release(f->files.ctx, blob);
    assert_int_equal(f->root.released, 0);
    blob = open_ok(f, "BOOT.iPXE", 0);
    assert_bytes(blob, "#!ipxe\necho hi\n");
    f->files.release(f->files.ctx, blob);
}

/* generated_files_has names the generated files, ignoring case, and no other. */
static void test_has_names_generated_files(void **state)
{
    fixture *f = *state;

    assert_int_equal(generated_files_has(f->gf, "boot.ipxe"), 1);
    assert_int_equal(generated_files_has(f->gf, "Boot.IPXE"), 1);
    assert_int_equal(generated_files_has(f->gf, "ipxe.efi"), 0);
    assert_int_equal(generated_files_has(f->gf, ""), 0);
}

static void test_admin_file_wins(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob;

    f->root.own_script = 1;
    blob = open_ok(f, "boot.ipxe", 0);
    assert_bytes(blob, "ADMIN");
    f->files.release(f->files.ctx, blob);
    assert_int_equal(f->root.opened, 1);
    assert_int_equal(f->root.released, 1);
    blob = open_ok(f, "admin.txt", 0);
    f->files.release(f->files.ctx, blob);
    assert_int_equal(f->root.released, 2);
}

/* A generated file in a folder (GRUB's grub/grub.cfg): served by its relative path, in
 * any case, and only by it. */
static void test_served_in_a_folder(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob = NULL;

    assert_int_equal(generated_files_set(f->gf, "grub/grub.cfg", "menu", 4), 0);
    blob = open_ok(f, "GRUB/grub.CFG", 0);
    assert_bytes(blob, "menu");
    f->files.release(f->files.ctx, blob);
    assert_int_equal(f->files.open(f->files.ctx, "grub.cfg", 0, &blob, NULL),
                     TFTP_OPEN_NOT_FOUND);
}

static void test_netascii_form(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob = open_ok(f, "boot.ipxe", 1);

    assert_bytes(blob, "#!ipxe\r\necho hi\r\n");
    f->files.release(f->files.ctx, blob);
}

static void test_replaced_while_held(void **state)
{
    fixture *f = *state;
    const tftp_blob *old_octet = open_ok(f, "boot.ipxe", 0);
    const tftp_blob *old_text = open_ok(f, "boot.ipxe", 1);
    const tftp_blob *blob;

    assert_int_equal(generated_files_set(f->gf, "Boot.ipxe", "#!ipxe\nexit\n", 12), 0);
    blob = open_ok(f, "boot.ipxe", 0);
    assert_bytes(blob, "#!ipxe\nexit\n");
    assert_bytes(old_octet, "#!ipxe\necho hi\n");
    assert_bytes(old_text, "#!ipxe\r\necho hi\r\n");
    f->files.release(f->files.ctx, old_octet);
    f->files.release(f->files.ctx, old_text);
    assert_int_equal(generated_files_set(f->gf, "boot.ipxe", "#!ipxe\n", 7), 0);
    assert_bytes(blob, "#!ipxe\nexit\n");
    f->files.release(f->files.ctx, blob);
    blob = open_ok(f, "boot.ipxe", 0);
    assert_bytes(blob, "#!ipxe\n");
    f->files.release(f->files.ctx, blob);
    assert_int_equal(f->root.released, 0);
}

static void test_other_outcomes_pass_through(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob = NULL;
    pxb_error message = {0};

    assert_int_equal(f->files.open(f->files.ctx, "secret", 0, &blob, &message),
                     TFTP_OPEN_DENIED);
    assert_int_equal(f->files.open(f->files.ctx, "other.ipxe", 0, &blob, &message),
                     TFTP_OPEN_NOT_FOUND);
    assert_string_equal(message.text, "no such file");
    assert_int_equal(f->files.open(f->files.ctx, "sub/boot.ipxe", 0, &blob, NULL),
                     TFTP_OPEN_NOT_FOUND);
    assert_null(blob);
}

static void test_bad_names(void **state)
{
    fixture *f = *state;
    char longest[GENERATED_NAME_MAX + 1];
    const tftp_blob *blob;

    assert_int_equal(generated_files_set(f->gf, "", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "/a", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "a/", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "a//b", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "../a", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "a/./b", "x", 1), -1);
    assert_int_equal(generated_files_set(f->gf, "a\\b", "x", 1), -1);
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    assert_int_equal(generated_files_set(f->gf, longest, "x", 1), -1);
    longest[GENERATED_NAME_MAX - 1] = '\0';
    assert_int_equal(generated_files_set(f->gf, longest, "", 0), 0);
    f->files.release(f->files.ctx, open_ok(f, longest, 0));
    blob = open_ok(f, "boot.ipxe", 0);
    assert_bytes(blob, "#!ipxe\necho hi\n");
    f->files.release(f->files.ctx, blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_served_when_root_has_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_has_names_generated_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admin_file_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_served_in_a_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_netascii_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaced_while_held, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_outcomes_pass_through, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
