/* cmd_firmware.c: `pxebridge firmware list|verify [--json]`: the iPXE images this build
 * ships, pinned by SHA-256 in firmware/ipxe.lock (embedded at build time as ipxe_pins.h),
 * against their copies in the TFTP root of the stored settings: intact, altered or missing.
 * verify fails naming each image that is not intact and how to put it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config_registry.h"
#include "console.h"
#include "file_sha256.h"
#include "ipxe_pins.h"
#include "json_writer.h"

#define ERR_MAX 512
#define RESTORE_HINT "put back the pinned copies by repairing pxebridge's installation " \
                     "(Settings > Apps > pxebridge > Modify > Repair, or 'msiexec /fa' with " \
                     "its MSI), or copy them from another pxebridge of this version"

typedef struct pin {
    const char *name;
    const char *sha256;
} pin;

static const pin PINS[] = {PXB_IPXE_PINS};
#define PIN_COUNT (sizeof PINS / sizeof PINS[0])

enum image_state { IMAGE_INTACT, IMAGE_ALTERED, IMAGE_MISSING, IMAGE_UNREADABLE };

static const char *const STATE_NAMES[] = {"intact", "altered", "missing", "unreadable"};

/* One pinned image and its copy in the TFTP root. */
typedef struct image {
    const pin *pin;
    enum image_state state;
    char path[PXB_CONFIG_PATH_MAX + 64];
    char sha256[CLI_SHA256_HEX];
    unsigned long long size;
    char err[ERR_MAX];
} image;

/* The firmware an image boots, from its kind: .kpxe for PXE BIOS, .efi for x64 UEFI (the
 * architecture of Debian's iPXE build). */
static const char *firmware_of(const char *name)
{
    size_t len = strlen(name);
    if (len > 5 && strcmp(name + len - 5, ".kpxe") == 0)
        return "BIOS x86";
    if (len > 4 && strcmp(name + len - 4, ".efi") == 0)
        return "UEFI x64";
    return "unknown";
}

static void check(const char *root, const pin *p, image *img)
{
    size_t root_len = strlen(root);
    const char *sep = root_len > 0 && root[root_len - 1] == '\\' ? "" : "\\";
    img->pin = p;
    snprintf(img->path, sizeof img->path, "%s%s%s", root, sep, p->name);
    switch (cli_file_sha256(img->path, img->sha256, &img->size, img->err, sizeof img->err)) {
    case CLI_HASH_OK:
        img->state = strcmp(img->sha256, p->sha256) == 0 ? IMAGE_INTACT : IMAGE_ALTERED;
        break;
    case CLI_HASH_MISSING:
        img->state = IMAGE_MISSING;
        break;
    default:
        img->state = IMAGE_UNREADABLE;
        break;
    }
}

/* Checks every pinned image in the TFTP root of the stored settings into images and root. */
static int check_all(image images[PIN_COUNT], char *root, size_t root_len)
{
    char err[2048];
    pxb_config *cfg = malloc(sizeof *cfg);
    if (cfg == NULL)
        return cli_fail("out of memory");
    if (pxb_registry_load(NULL, cfg, err, sizeof err) != 0) {
        free(cfg);
        return cli_fail("the settings cannot be read, so neither can TftpRoot: %s; see '"
                        CLI_PROGRAM " config show'", err);
    }
    snprintf(root, root_len, "%s", cfg->tftp_root);
    free(cfg);
    for (size_t i = 0; i < PIN_COUNT; i++)
        check(root, &PINS[i], &images[i]);
    return CLI_OK;
}

static int put_json(const image images[PIN_COUNT], const char *root)
{
    pxb_json j;
    int intact = 1;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_string(&j, "ipxe_version", PXB_IPXE_VERSION);
    pxb_json_field_string(&j, "tftp_root", root);
    pxb_json_key(&j, "images");
    pxb_json_begin_array(&j);
    for (size_t i = 0; i < PIN_COUNT; i++) {
        const image *img = &images[i];
        int found = img->state == IMAGE_INTACT || img->state == IMAGE_ALTERED;
        intact &= img->state == IMAGE_INTACT;
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "name", img->pin->name);
        pxb_json_field_string(&j, "firmware", firmware_of(img->pin->name));
        pxb_json_field_string(&j, "path", img->path);
        pxb_json_field_string(&j, "state", STATE_NAMES[img->state]);
        pxb_json_field_string(&j, "pinned_sha256", img->pin->sha256);
        pxb_json_field_string(&j, "sha256", found ? img->sha256 : NULL);
        pxb_json_key(&j, "size");
        if (found)
            pxb_json_int(&j, (long long)img->size);
        else
            pxb_json_null(&j);
        pxb_json_field_string(&j, "error", img->state == IMAGE_UNREADABLE ? img->err : NULL);
        pxb_json_end_object(&j);
    }
    pxb_json_end_array(&j);
    pxb_json_field_bool(&j, "intact", intact);
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void put_text(const image images[PIN_COUNT], const char *root)
{
    cli_printf(CLI_STDOUT, "iPXE %s, pinned images in %s:\n", PXB_IPXE_VERSION, root);
    for (size_t i = 0; i < PIN_COUNT; i++) {
        const image *img = &images[i];
        cli_printf(CLI_STDOUT, "  %-14s %-9s %-10s", img->pin->name, firmware_of(img->pin->name),
                   STATE_NAMES[img->state]);
        if (img->state == IMAGE_INTACT || img->state == IMAGE_ALTERED)
            cli_printf(CLI_STDOUT, " %10llu bytes  sha256 %s\n", img->size, img->sha256);
        else if (img->state == IMAGE_UNREADABLE)
            cli_printf(CLI_STDOUT, " %s\n", img->err);
        else
            cli_printf(CLI_STDOUT, "\n");
        if (img->state == IMAGE_ALTERED)
            cli_printf(CLI_STDOUT, "  %-14s %-9s %-10s %16s  pinned %s\n", "", "", "", "",
                       img->pin->sha256);
    }
}

/* Checks and shows every image; *bad counts those not intact, *unreadable those not read. */
static int show(const cli_call *call, image images[PIN_COUNT], size_t *bad, size_t *unreadable)
{
    char root[PXB_CONFIG_PATH_MAX];
    if (check_all(images, root, sizeof root) != CLI_OK)
        return CLI_FAILED;
    *bad = *unreadable = 0;
    for (size_t i = 0; i < PIN_COUNT; i++) {
        *bad += images[i].state != IMAGE_INTACT;
        *unreadable += images[i].state == IMAGE_UNREADABLE;
    }
    if (call->json)
        return put_json(images, root);
    put_text(images, root);
    return CLI_OK;
}

int cli_firmware_list(const cli_call *call)
{
    image images[PIN_COUNT];
    size_t bad, unreadable;
    int rc = show(call, images, &bad, &unreadable);
    if (rc != CLI_OK)
        return rc;
    return unreadable == 0 ? CLI_OK : cli_fail("%zu of the images cannot be read", unreadable);
}

int cli_firmware_verify(const cli_call *call)
{
    image images[PIN_COUNT];
    size_t bad, unreadable;
    char names[PIN_COUNT * 64] = "";
    int rc = show(call, images, &bad, &unreadable);
    if (rc != CLI_OK)
        return rc;
    if (bad == 0) {
        if (!call->json)
            cli_printf(CLI_STDOUT, "All %zu images are intact.\n", PIN_COUNT);
        return CLI_OK;
    }
    for (size_t i = 0, used = 0; i < PIN_COUNT && used < sizeof names; i++) {
        if (images[i].state != IMAGE_INTACT)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s (%s)",
                                     used ? ", " : "", images[i].pin->name,
                                     STATE_NAMES[images[i].state]);
    }
    return cli_fail("%zu of %zu iPXE images are not as pinned: %s; " RESTORE_HINT, bad,
                    PIN_COUNT, names);
}
