/* cmd_firmware.c: `pxebridge firmware list|verify [--json]`: the boot images pxebridge knows
 * (firmware_images.h: the images this build ships, pinned by SHA-256, and the admin's
 * own builds recorded by `firmware replace`) against their copies in the TFTP root of the
 * stored settings: intact, own build, altered or missing. verify fails naming each image
 * that is neither intact nor the recorded own build, and how to put it back; and when
 * EmbeddedScript=1 hands out an image with no embedded script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "embedded_script_check.h"
#include "firmware_images.h"
#include "firmware_settings.h"
#include "image_stage.h"
#include "ipxe_pins.h"
#include "json_writer.h"
#include "signature_report.h"

#define RESTORE_HINT "put back the bundled builds by repairing pxebridge's installation " \
                     "(Settings > Apps > pxebridge > Modify > Repair, or 'msiexec /fa' with " \
                     "its MSI), or an own build with 'pxebridge firmware replace IMAGE FILE'"

/* Indents a line under an image's name column. */
#define PAD "              "

/* The images and the plan that names their stages. */
typedef struct firmware_view {
    cli_images images;
    pxb_boot_plan plan;
} firmware_view;

static int is_good(enum pxb_image_state state)
{
    return state == PXB_IMAGE_INTACT || state == PXB_IMAGE_OWN;
}

static int is_found(enum pxb_image_state state)
{
    return state != PXB_IMAGE_MISSING && state != PXB_IMAGE_UNREADABLE;
}

static int put_json(const firmware_view *view)
{
    const cli_images *images = &view->images;
    pxb_json j;
    int intact = 1;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_string(&j, "ipxe_version", PXB_IPXE_VERSION);
    pxb_json_field_string(&j, "tftp_root", images->root);
    pxb_json_key(&j, "images");
    pxb_json_begin_array(&j);
    for (size_t i = 0; i < images->count; i++) {
        const cli_image *img = &images->image[i];
        int found = is_found(img->state);
        intact &= is_good(img->state);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "name", img->name);
        pxb_json_field_string(&j, "firmware", pxb_image_firmware(&view->plan, img->name));
        pxb_json_field_string(&j, "path", img->path);
        pxb_json_field_string(&j, "state", img->state == PXB_IMAGE_OWN
                                               ? "own-build" : pxb_image_state_name(img->state));
        pxb_json_field_string(&j, "pinned_sha256", img->pinned_sha256);
        pxb_json_field_string(&j, "own_sha256", img->own_sha256[0] ? img->own_sha256 : NULL);
        pxb_json_key(&j, "embedded_script");
        if (img->own_sha256[0])
            pxb_json_bool(&j, img->own_embedded_script);
        else
            pxb_json_null(&j);
        pxb_json_field_string(&j, "sha256", found ? img->sha256 : NULL);
        pxb_json_key(&j, "size");
        if (found)
            pxb_json_int(&j, (long long)img->size);
        else
            pxb_json_null(&j);
        pxb_json_field_string(&j, "error",
                              img->state == PXB_IMAGE_UNREADABLE ? img->err.text : NULL);
        pxb_json_key(&j, "signature");
        if (found && img->is_pe)
            cli_json_signature(&j, &img->sigs);
        else
            pxb_json_null(&j);
        pxb_json_end_object(&j);
    }
    pxb_json_end_array(&j);
    pxb_json_field_bool(&j, "intact", intact);
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void put_text(const firmware_view *view)
{
    const cli_images *images = &view->images;
    cli_printf(CLI_STDOUT, "Bundled (iPXE %s, pxbinfo) and your own builds, in %s:\n",
               PXB_IPXE_VERSION,
               images->root);
    for (size_t i = 0; i < images->count; i++) {
        const cli_image *img = &images->image[i];
        cli_printf(CLI_STDOUT, "  %-14s %-10s %-10s", img->name,
                   pxb_image_firmware(&view->plan, img->name), pxb_image_state_name(img->state));
        if (is_found(img->state))
            cli_printf(CLI_STDOUT, " %10llu bytes  sha256 %s%s\n", img->size, img->sha256,
                       img->state == PXB_IMAGE_OWN && img->own_embedded_script
                           ? "  (embedded script)" : "");
        else if (img->state == PXB_IMAGE_UNREADABLE)
            cli_printf(CLI_STDOUT, " %s\n", img->err.text);
        else
            cli_printf(CLI_STDOUT, "\n");
        if (is_found(img->state) && img->is_pe)
            cli_print_signature("  " PAD "  ", &img->sigs);
        if (img->state != PXB_IMAGE_ALTERED)
            continue;
        if (img->pinned_sha256 != NULL)
            cli_printf(CLI_STDOUT, "  %-14s %-10s %-10s %16s  pinned %s\n", "", "", "", "",
                       img->pinned_sha256);
        if (img->own_sha256[0])
            cli_printf(CLI_STDOUT, "  %-14s %-10s %-10s %16s  yours  %s\n", "", "", "", "",
                       img->own_sha256);
    }
}

/* Checks and shows every image into view; *bad counts those not good, *unreadable those
 * not read. */
static int show(const cli_call *call, firmware_view *view, size_t *bad, size_t *unreadable)
{
    pxb_config cfg;
    if (cli_firmware_load(&cfg, &view->plan, &view->images) != CLI_OK)
        return CLI_FAILED;
    *bad = *unreadable = 0;
    for (size_t i = 0; i < view->images.count; i++) {
        *bad += !is_good(view->images.image[i].state);
        *unreadable += view->images.image[i].state == PXB_IMAGE_UNREADABLE;
    }
    if (call->json)
        return put_json(view);
    put_text(view);
    return CLI_OK;
}

int cli_firmware_list(const cli_call *call)
{
    static firmware_view view;
    size_t bad, unreadable;
    int rc = show(call, &view, &bad, &unreadable);
    if (rc != CLI_OK)
        return rc;
    return unreadable == 0 ? CLI_OK : cli_fail("%zu of the images cannot be read", unreadable);
}

/* Warns of each UEFI first-stage image the plan hands out that Secure Boot firmware with
 * Microsoft's keys refuses: machines with Secure Boot on do not start it. */
static void warn_secure_boot(firmware_view *view)
{
    char text[1024];
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++) {
        const pxb_stage_info *info = pxb_stage((enum pxb_stage)s);
        const char *name = view->plan.stage[s];
        if (info->http || s == PXB_STAGE_BIOS || name[0] == '\0')
            continue;
        const cli_image *img = cli_images_add(&view->images, name);
        if (img == NULL || !is_found(img->state) || !img->is_pe || !pxb_sig_refused(&img->sigs))
            continue;
        pxb_sig_describe(&img->sigs, text, sizeof text);
        cli_printf(CLI_STDERR, "warning: %s '%s' is %s: UEFI machines with Secure Boot on do "
                   "not start it; hand them a signed first stage (see the Secure Boot page of "
                   "pxebridge's documentation)\n", info->setting, name, text);
    }
}

int cli_firmware_verify(const cli_call *call)
{
    static firmware_view view;
    size_t bad, unreadable;
    char names[CLI_IMAGES_MAX * 64] = "";
    int rc = show(call, &view, &bad, &unreadable);
    if (rc != CLI_OK)
        return rc;
    size_t loops = cli_images_check_embedded(&view.images, &view.plan, 1, NULL);
    warn_secure_boot(&view);
    if (bad == 0) {
        if (loops > 0)
            return CLI_FAILED;
        if (!call->json)
            cli_printf(CLI_STDOUT, "All %zu images are intact or your recorded builds.\n",
                       view.images.count);
        return CLI_OK;
    }
    for (size_t i = 0, used = 0; i < view.images.count && used < sizeof names; i++) {
        const cli_image *img = &view.images.image[i];
        if (!is_good(img->state))
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s (%s)",
                                     used ? ", " : "", img->name,
                                     pxb_image_state_name(img->state));
    }
    return cli_fail("%zu of %zu boot images are not as pinned or recorded: %s; " RESTORE_HINT,
                    bad, view.images.count, names);
}
