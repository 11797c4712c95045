/* firmware_images.c: the bundled images and the admin's recorded own builds, hashed in
 * the TFTP root (see firmware_images.h). */
#include "firmware_images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "image_paths.h"
#include "ipxe_pins.h"
#include "own_build_records.h"
#include "own_pins.h"
#include "signed_pins.h"
#include "whole_file.h"

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

cli_image *cli_images_find(cli_images *images, const char *name)
{
    for (size_t i = 0; i < images->count; i++)
        if (pxb_ascii_same_path(images->image[i].name, name))
            return &images->image[i];
    return NULL;
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

/* A cli_own_build_fn: one record of an own build, onto the list. */
static void keep_record(void *ctx, const char *name, const char *sha256, int embedded_script)
{
    cli_image *img = add_image(ctx, name);
    if (img == NULL)
        return;
    snprintf(img->own_sha256, sizeof img->own_sha256, "%s", sha256);
    img->own_embedded_script = embedded_script;
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
    switch (cli_file_sha256(img->path, img->sha256, &img->size, &img->err)) {
    case CLI_HASH_OK:
        cli_image_read_signatures(img, img->path);
        img->state = pxb_image_identify(img->sha256, img->pinned_sha256, img->own_sha256);
        break;
    case CLI_HASH_MISSING:
        img->state = PXB_IMAGE_MISSING;
        break;
    default:
        img->state = PXB_IMAGE_UNREADABLE;
        break;
    }
}

int cli_images_read(const char *root, cli_images *out, pxb_error *err)
{
    snprintf(out->root, sizeof out->root, "%s", root);
    out->count = 0;
    for (size_t i = 0; i < PIN_COUNT; i++) {
        cli_image *img = add_image(out, PINS[i].name);
        img->pinned_sha256 = PINS[i].sha256;
        img->bundled_ipxe = i < IPXE_PIN_COUNT;
    }
    if (cli_own_builds_read(keep_record, out, err) != 0)
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
