/* firmware_images.c: the bundled images and the admin's recorded own builds, hashed in
 * the TFTP root, and the EmbeddedScript check on them (see firmware_images.h). */
#include "firmware_images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "ascii_case.h"
#include "boot_image.h"
#include "cli.h"
#include "config_registry.h"
#include "console.h"
#include "ipxe_pins.h"
#include "osfile.h"
#include "own_pins.h"
#include "problems.h"
#include "program_path.h"
#include "reg_values.h"
#include "settings.h"
#include "signed_pins.h"
#include "whole_file.h"
#include "win_text.h"

#define RECORD_PREFIX "sha256="
#define RECORD_EMBEDDED ";embedded-script"

typedef struct pin {
    const char *name;
    const char *sha256;
} pin;

/* The bundled images: Debian's iPXE builds, the project's own boot programs, then Debian's
 * signed chain (shim, its helpers, GRUB) in its folder. */
static const pin PINS[] = {PXB_IPXE_PINS PXB_OWN_PINS PXB_SIGNED_PINS};
#define PIN_COUNT (sizeof PINS / sizeof PINS[0])
/* The first of PINS are iPXE's. */
static const pin IPXE_PINS[] = {PXB_IPXE_PINS};
#define IPXE_PIN_COUNT (sizeof IPXE_PINS / sizeof IPXE_PINS[0])

static const char *const STATE_NAMES[] = {"intact", "own build", "altered", "missing",
                                          "unreadable"};

const char *cli_image_state_name(enum cli_image_state state)
{
    return STATE_NAMES[state];
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && pxb_ascii_same(s + n - m, suffix);
}

enum pxb_stage cli_image_stage(const pxb_boot_plan *plan, const char *name)
{
    int stage = pxb_image_stage(plan, name);
    if (stage >= 0)
        return (enum pxb_stage)stage;
    return ends_with(name, ".efi") ? PXB_STAGE_UEFI_X64 : PXB_STAGE_BIOS;
}

const char *cli_image_firmware(const pxb_boot_plan *plan, const char *name)
{
    switch (cli_image_stage(plan, name)) {
    case PXB_STAGE_UEFI_X64:
        return "UEFI x64";
    case PXB_STAGE_UEFI_IA32:
        return "UEFI IA32";
    case PXB_STAGE_UEFI_ARM64:
        return "UEFI ARM64";
    default:
        return "BIOS x86";
    }
}

cli_image *cli_images_find(cli_images *images, const char *name)
{
    for (size_t i = 0; i < images->count; i++)
        if (pxb_ascii_same_path(images->image[i].name, name))
            return &images->image[i];
    return NULL;
}

static const cli_image *find_const(const cli_images *images, const char *name)
{
    return cli_images_find((cli_images *)images, name);
}

static cli_image *add_image(cli_images *images, const char *name)
{
    cli_image *img = cli_images_find(images, name);
    if (img != NULL || images->count == CLI_IMAGES_MAX)
        return img;
    img = &images->image[images->count++];
    memset(img, 0, sizeof *img);
    snprintf(img->name, sizeof img->name, "%s", name);
    return img;
}

/* A pxb_reg_value_fn: one record of an own build. */
static void keep_record(void *ctx, const char *name, const char *text, const char *why)
{
    cli_images *images = ctx;
    size_t hex = CLI_SHA256_HEX - 1;
    if (text == NULL || strncmp(text, RECORD_PREFIX, strlen(RECORD_PREFIX)) != 0 ||
        strlen(text) < strlen(RECORD_PREFIX) + hex || name[0] == '\0')
        return; /* not a record this program wrote: it counts as none */
    const char *rest = text + strlen(RECORD_PREFIX) + hex;
    if (rest[0] != '\0' && strcmp(rest, RECORD_EMBEDDED) != 0)
        return;
    cli_image *img = add_image(images, name);
    if (img == NULL)
        return;
    memcpy(img->own_sha256, text + strlen(RECORD_PREFIX), hex);
    img->own_sha256[hex] = '\0';
    img->own_embedded_script = rest[0] != '\0';
}

void cli_join_path(const char *dir, const char *name, char *out, size_t out_len)
{
    size_t dir_len = strlen(dir);
    const char *sep = dir_len > 0 && dir[dir_len - 1] == '\\' ? "" : "\\";
    snprintf(out, out_len, "%s%s%s", dir, sep, name);
    for (char *c = out + dir_len; *c; c++)
        if (*c == '/')
            *c = '\\';
}

void cli_image_read_signatures(cli_image *img, const char *path)
{
    size_t len;
    unsigned char *data = (unsigned char *)pxb_file_read(path, CLI_IMAGE_MAX, &len, NULL);
    img->is_pe = data != NULL && len >= 2 && data[0] == 'M' && data[1] == 'Z';
    if (img->is_pe)
        pxb_authenticode_read(data, len, &img->sigs);
    free(data);
}

static void hash_copy(const char *root, cli_image *img)
{
    cli_join_path(root, img->name, img->path, sizeof img->path);
    switch (cli_file_sha256(img->path, img->sha256, &img->size, img->err, sizeof img->err)) {
    case CLI_HASH_OK:
        cli_image_read_signatures(img, img->path);
        if (img->pinned_sha256 != NULL && strcmp(img->sha256, img->pinned_sha256) == 0)
            img->state = CLI_IMAGE_INTACT;
        else if (img->own_sha256[0] != '\0' && pxb_ascii_same(img->sha256, img->own_sha256))
            img->state = CLI_IMAGE_OWN;
        else
            img->state = CLI_IMAGE_ALTERED;
        break;
    case CLI_HASH_MISSING:
        img->state = CLI_IMAGE_MISSING;
        break;
    default:
        img->state = CLI_IMAGE_UNREADABLE;
        break;
    }
}

/* A cli_problem_fn: gathers the problems of the stored settings. */
static void gather(void *ctx, const char *name, const char *why)
{
    (void)name;
    pxb_problems_add(ctx, "%s", why);
}

/* The stored settings into built. Returns 0, or -1 (1 when they are stored but not valid)
 * with the reason in err. */
static int build_stored(cli_built *built, char *err, size_t err_len)
{
    cli_stored stored;
    pxb_problems problems;
    pxb_error e;
    if (cli_stored_read(&stored, &e) != 0) {
        snprintf(err, err_len, "%s", e.text);
        return -1;
    }
    pxb_problems_init(&problems, err, err_len);
    cli_settings_build(&stored, NULL, 0, built, gather, &problems);
    cli_stored_free(&stored);
    return problems.count > 0 ? 1 : 0;
}

int cli_stored_tftp_root(char *root, size_t root_len, char *err, size_t err_len)
{
    static cli_built built;
    if (build_stored(&built, err, err_len) != 0)
        return -1;
    snprintf(root, root_len, "%s", built.config.tftp_root);
    return 0;
}

int cli_firmware_load(pxb_config *cfg, pxb_boot_plan *plan, cli_images *images)
{
    char err[2048];
    cli_built built;
    int rc = build_stored(&built, err, sizeof err);
    if (rc < 0)
        return cli_fail("the settings cannot be read: %s (run as an administrator?)", err);
    if (rc > 0)
        return cli_fail("the settings cannot be read, so neither can TftpRoot: %s; see '"
                        CLI_PROGRAM " config show'", err);
    *cfg = built.config;
    *plan = built.plan;
    if (cli_images_read(cfg->tftp_root, images, err, sizeof err) != 0)
        return cli_fail("the records of your own builds cannot be read: %s (run as an "
                        "administrator?)", err);
    return CLI_OK;
}

int cli_images_read(const char *root, cli_images *out, char *err, size_t err_len)
{
    pxb_problems problems;
    pxb_problems_init(&problems, err, err_len);
    snprintf(out->root, sizeof out->root, "%s", root);
    out->count = 0;
    for (size_t i = 0; i < PIN_COUNT; i++) {
        cli_image *img = add_image(out, PINS[i].name);
        img->pinned_sha256 = PINS[i].sha256;
        img->bundled_ipxe = i < IPXE_PIN_COUNT;
    }
    pxb_reg_read_values(PXB_FIRMWARE_SUBKEY, keep_record, out, &problems);
    if (problems.count > 0)
        return -1;
    for (size_t i = 0; i < out->count; i++)
        hash_copy(root, &out->image[i]);
    return 0;
}

cli_image *cli_images_add(cli_images *images, const char *name)
{
    cli_image *img = cli_images_find(images, name);
    if (img != NULL)
        return img;
    img = add_image(images, name);
    if (img != NULL)
        hash_copy(images->root, img);
    return img;
}

int cli_image_record(const char *name, const char *sha256, int embedded_script, char *err,
                     size_t err_len)
{
    char text[sizeof RECORD_PREFIX + CLI_SHA256_HEX + sizeof RECORD_EMBEDDED];
    snprintf(text, sizeof text, RECORD_PREFIX "%s%s", sha256,
             embedded_script ? RECORD_EMBEDDED : "");
    pxb_error e;
    if (pxb_reg_write_text(PXB_FIRMWARE_SUBKEY, name, text, &e) == 0)
        return 0;
    snprintf(err, err_len, "%s", e.text);
    return -1;
}

int cli_image_forget(const char *name, char *err, size_t err_len)
{
    pxb_error e;
    if (pxb_reg_delete_value(PXB_FIRMWARE_SUBKEY, name, &e) == 0)
        return 0;
    snprintf(err, err_len, "%s", e.text);
    return -1;
}

int cli_own_build_keep_path(const char *name, const char *sha256, char *out, size_t out_len)
{
    char dir[PXB_CONFIG_PATH_MAX], file[CLI_SHA256_HEX + PXB_PLAN_VALUE_MAX];
    if (pxb_data_folder("builds", dir, sizeof dir) != 0)
        return -1;
    const char *base = name + strlen(name);
    while (base > name && base[-1] != '/' && base[-1] != '\\')
        base--;
    snprintf(file, sizeof file, "%s-%s", sha256, base);
    cli_join_path(dir, file, out, out_len);
    return 0;
}

int cli_bundled_path(const char *name, char *out, size_t out_len)
{
    wchar_t folder[MAX_PATH + 1];
    if (cli_beside_program(L"firmware", folder) != 0)
        return -1;
    char *dir = pxb_utf8_from_wide(folder, (size_t)-1);
    if (dir == NULL)
        return -1;
    cli_join_path(dir, name, out, out_len);
    free(dir);
    return 0;
}

int cli_write_with_folder(const char *path, const char *data, size_t len, char *err,
                          size_t err_len)
{
    char dir[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '\\');
    pxb_error e;
    if (slash != NULL)
        *slash = '\0';
    if ((slash != NULL && pxb_osfile_make_dirs(dir, &e) != 0) ||
        pxb_file_write_atomic(path, data, len, &e) != 0) {
        snprintf(err, err_len, "%s", e.text);
        return -1;
    }
    return 0;
}

int cli_image_copy_in(const cli_image *img, const char *from, const char *sha256, char *err,
                      size_t err_len)
{
    char got[CLI_SHA256_HEX];
    size_t len;
    pxb_error e;
    char *data = pxb_file_read(from, CLI_IMAGE_MAX, &len, &e);
    if (data == NULL) {
        snprintf(err, err_len, "%s", e.text);
        return -1;
    }
    int rc = cli_data_sha256(data, len, got, err, err_len) == CLI_HASH_OK ? 0 : -1;
    if (rc == 0 && !pxb_ascii_same(got, sha256)) {
        snprintf(err, err_len, "%s has SHA-256 %s, not %s: it is not the build it should be",
                 from, got, sha256);
        rc = -1;
    }
    if (rc == 0 && pxb_file_write_atomic(img->path, data, len, &e) != 0) {
        snprintf(err, err_len, "%s", e.text);
        rc = -1;
    }
    free(data);
    return rc;
}

/* What is known of an image's embedded script: 1 it has one, 0 it has none, -1 unknown;
 * what is known, in words, into why. */
static int embedded_script_of(const cli_image *img, char *why, size_t why_len)
{
    if (img == NULL) {
        snprintf(why, why_len, "not recorded by 'firmware replace'");
        return -1;
    }
    switch (img->state) {
    case CLI_IMAGE_INTACT:
        if (!img->bundled_ipxe)
            return 1; /* pxbinfo hands the machine back to the firmware; the signed chain
                       * goes on to GRUB's menu: neither loads a first stage again */
        snprintf(why, why_len, "the iPXE build pxebridge ships, which has no embedded script");
        return 0;
    case CLI_IMAGE_OWN:
        snprintf(why, why_len, "your build, recorded %s an embedded script",
                 img->own_embedded_script ? "with" : "without");
        return img->own_embedded_script;
    case CLI_IMAGE_MISSING:
        snprintf(why, why_len, "missing");
        return -1;
    default:
        snprintf(why, why_len, "%s, not a build recorded by 'firmware replace'",
                 cli_image_state_name(img->state));
        return -1;
    }
}

size_t cli_images_check_embedded(const cli_images *images, const pxb_boot_plan *plan,
                                 int report, size_t *unknown)
{
    size_t lacking = 0, untold = 0;
    for (size_t s = 0; plan->embedded_script && s < PXB_STAGE_COUNT; s++) {
        const pxb_stage_info *info = pxb_stage((enum pxb_stage)s);
        const char *name = plan->stage[s];
        if (info->http || name[0] == '\0')
            continue;
        char why[256];
        int has = embedded_script_of(find_const(images, name), why, sizeof why);
        if (has == 1)
            continue;
        if (has == 0)
            lacking++;
        else
            untold++;
        if (!report)
            continue;
        if (has == 0)
            cli_fail("EmbeddedScript=1, but %s '%s' in %s is %s: with no iPXE rule, iPXE would "
                     "be handed it again and load itself again and again (the chainload loop); "
                     "put your build in place first with 'pxebridge firmware replace %s FILE "
                     "--embedded-script', or keep EmbeddedScript=0",
                     info->setting, name, images->root, why, name);
        else
            cli_printf(CLI_STDERR, "warning: EmbeddedScript=1, but %s '%s' in %s is %s, so "
                       "pxebridge cannot tell whether it has an embedded script (without one, "
                       "clients loop); record it with 'pxebridge firmware replace %s FILE "
                       "--embedded-script'\n", info->setting, name, images->root, why, name);
    }
    if (unknown != NULL)
        *unknown = untold;
    return lacking;
}
