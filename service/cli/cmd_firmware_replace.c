/* cmd_firmware_replace.c: `pxebridge firmware replace IMAGE FILE [--embedded-script]
 * [--force]`: puts the admin's own build of a first-stage image (say, iPXE built with an
 * embedded script) into the TFTP root in place of IMAGE, and records it (firmware_images.h)
 * so that `firmware list|verify` know it as the admin's and the EmbeddedScript check knows
 * whether it has a script. Refused, with nothing changed: an IMAGE that is no first-stage
 * image of the plan nor a bundled one, a FILE that cannot boot that image's clients
 * (boot_image.h), a copy in the root that is neither the bundled build nor a recorded one
 * (someone's file: --force replaces it), and a build without an embedded script while the
 * plan has EmbeddedScript=1 (the chainload loop). The copy is atomic (whole_file.h); if the
 * record cannot be written, the old copy is put back. A copy of the build is kept under
 * %ProgramData%\pxebridge\builds for `firmware reapply` (cmd_firmware_restore.c), named by its
 * SHA-256 so that a failed replace never touches the copy of the build before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "boot_image.h"
#include "cli.h"
#include "console.h"
#include "embedded_script_check.h"
#include "firmware_images.h"
#include "firmware_settings.h"
#include "image_paths.h"
#include "image_stage.h"
#include "image_write.h"
#include "osfile.h"
#include "own_build_records.h"
#include "tftp_path.h"
#include "whole_file.h"

static const pxb_option OPTIONS[] = {
    {"embedded-script", 0, NULL, 0,
     "the build has an embedded script (make bin/undionly.kpxe EMBED=script.ipxe)"},
    {"force", 0, NULL, 0,
     "replace a copy that is neither the bundled build nor a build recorded before"},
};

const pxb_option_table cli_firmware_replace_options = {OPTIONS,
                                                      sizeof OPTIONS / sizeof OPTIONS[0]};

/* What one replace works on. */
typedef struct replacing {
    const cli_call *call;
    const char *name; /* IMAGE as given, then as a path in the root */
    char relpath[TFTP_PATH_MAX];
    const char *file;
    int embedded_script;
    pxb_config cfg;
    pxb_boot_plan plan;
    cli_images images;
    enum pxb_stage stage;
    char *data; /* the new build */
    size_t len;
    char sha256[CLI_SHA256_HEX];
} replacing;

/* The stage IMAGE serves: the plan's stage naming it, else the bundled image's kind. */
static int find_stage(replacing *r)
{
    const char *why = "a drive letter";
    if (strchr(r->name, ':') != NULL ||
        tftp_path_normalize(r->name, strlen(r->name), r->relpath, sizeof r->relpath,
                            &why) != 0)
        return cli_bad_usage(r->call->command, "'%s' is no file name in the TFTP root (%s); "
                             "give it as the boot plan or the DHCP server hands it out, like "
                             "undionly.kpxe", r->name, why);
    r->name = r->relpath; /* "boot/x64/ipxe.efi": no leading separator, '/' between */
    const cli_image *img = cli_images_find(&r->images, r->name);
    if (pxb_image_stage(&r->plan, r->name) < 0 && (img == NULL || img->pinned_sha256 == NULL))
        return cli_bad_usage(r->call->command,
                             "'%s' is no first-stage image of the boot plan (BiosFile=%s, "
                             "UefiX64File=%s, UefiIa32File=%s, UefiArm64File=%s) nor one "
                             "pxebridge ships; name it in the plan first, e.g. '" CLI_PROGRAM
                             " config set UefiArm64File=%s'", r->name,
                             r->plan.stage[PXB_STAGE_BIOS], r->plan.stage[PXB_STAGE_UEFI_X64],
                             r->plan.stage[PXB_STAGE_UEFI_IA32],
                             r->plan.stage[PXB_STAGE_UEFI_ARM64], r->name);
    r->stage = pxb_image_stage_or_kind(&r->plan, r->name);
    return CLI_OK;
}

/* Reads FILE and checks that it can boot the stage's clients. */
static int read_build(replacing *r)
{
    pxb_error err;
    r->data = pxb_file_read(r->file, CLI_IMAGE_MAX, &r->len, &err);
    if (r->data == NULL)
        return cli_bad_usage(r->call->command, "your build: %s", err.text);
    if (pxb_image_check(r->stage, (const unsigned char *)r->data, r->len, r->len, &err) != 0)
        return cli_bad_usage(r->call->command, "'%s' cannot take the place of %s (%s): %s; "
                             "nothing was changed", r->file, r->name,
                             pxb_stage(r->stage)->setting, err.text);
    return CLI_OK;
}

/* Refuses what would lose someone's file or make clients loop. */
static int check_safe(replacing *r, const cli_image *img)
{
    if (img->state == PXB_IMAGE_ALTERED && !pxb_cli_has(&r->call->args, "force"))
        return cli_fail("%s in %s is neither the build pxebridge ships nor one recorded by '"
                        CLI_PROGRAM " firmware replace' (sha256 %s): it may be someone's own "
                        "build; keep a copy of it, then give --force; nothing was changed",
                        r->name, r->images.root, img->sha256);
    if (img->state == PXB_IMAGE_UNREADABLE)
        return cli_fail("%s cannot be read: %s; nothing was changed", img->path,
                        img->err.text);
    if (r->plan.embedded_script && !r->embedded_script)
        return cli_bad_usage(r->call->command,
                             "the boot plan has EmbeddedScript=1, so there is no iPXE rule: "
                             "a build without an embedded script would be handed itself again "
                             "and load itself again and again (the chainload loop); give "
                             "--embedded-script if it has one, or first '" CLI_PROGRAM
                             " config set EmbeddedScript=0' and '" CLI_PROGRAM " dhcp apply'; "
                             "nothing was changed");
    return CLI_OK;
}

/* Keeps a copy of the build, named by its SHA-256, where `firmware reapply` finds it after
 * an upgrade; its path into kept. */
static int keep_copy(replacing *r, char *kept, size_t kept_len)
{
    pxb_error err;
    if (cli_own_build_keep_path(r->name, r->sha256, kept, kept_len, &err) != 0)
        return cli_fail("%s, so your build cannot be kept; nothing was changed", err.text);
    if (cli_write_with_folder(kept, r->data, r->len, &err) != 0)
        return cli_fail("%s (run as an administrator?); nothing was changed", err.text);
    return CLI_OK;
}

/* Writes the build over the copy in the root, checks it and records it. On a failure the old
 * copy goes back: nothing is changed. */
static int write_and_record(replacing *r, const cli_image *img)
{
    char written[CLI_SHA256_HEX];
    pxb_error err;
    size_t old_len = 0;
    unsigned long long size;
    char *old = NULL;
    if (img->state != PXB_IMAGE_MISSING &&
        (old = pxb_file_read(img->path, CLI_IMAGE_MAX, &old_len, &err)) == NULL)
        return cli_fail("%s; nothing was changed", err.text);
    int rc = CLI_FAILED;
    if (cli_write_with_folder(img->path, r->data, r->len, &err) != 0) {
        cli_fail("%s (run as an administrator?); nothing was changed", err.text);
        free(old);
        return rc;
    }
    int ok = cli_file_sha256(img->path, written, &size, &err) == CLI_HASH_OK;
    if (ok && strcmp(written, r->sha256) != 0) {
        pxb_error_set(&err, "%s does not hold what was written to it", img->path);
        ok = 0;
    }
    if (ok && cli_image_record(r->name, r->sha256, r->embedded_script, &err) == 0) {
        rc = CLI_OK;
    } else {
        int back = old == NULL ? pxb_osfile_remove(img->path)
                               : pxb_file_write_atomic(img->path, old, old_len, NULL);
        cli_fail("your build was not put in place: %s (run as an administrator?); %s",
                 err.text, back == 0 ? "nothing was changed" : "the old copy could not be put back");
    }
    free(old);
    return rc;
}

/* Keeps a copy of the build, puts it in place and records it; the kept copy of the build it
 * replaces goes. */
static int put_in_place(replacing *r, const cli_image *img)
{
    char kept[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    pxb_error err;
    if (cli_data_sha256(r->data, r->len, r->sha256, &err) != CLI_HASH_OK)
        return cli_fail("your build: %s; nothing was changed", err.text);
    if (keep_copy(r, kept, sizeof kept) != CLI_OK)
        return CLI_FAILED;
    int same_as_before = pxb_ascii_same(img->own_sha256, r->sha256);
    if (write_and_record(r, img) != CLI_OK) {
        if (!same_as_before)
            pxb_osfile_remove(kept);
        return CLI_FAILED;
    }
    if (img->own_sha256[0] != '\0' && !same_as_before &&
        cli_own_build_keep_path(r->name, img->own_sha256, kept, sizeof kept, NULL) == 0)
        pxb_osfile_remove(kept);
    cli_printf(CLI_STDOUT, "Replaced %s in %s with your build: %zu bytes, sha256 %s, %s (%s). "
               "'firmware verify' checks it against this sum from now on.\n", r->name,
               r->images.root, r->len, r->sha256,
               r->stage == PXB_STAGE_BIOS ? "a PXE boot program for BIOS" : "a UEFI application",
               pxb_stage(r->stage)->setting);
    return CLI_OK;
}

/* What the replacement means for the iPXE rule. */
static void say_next_step(replacing *r)
{
    size_t unknown;
    if (!r->embedded_script || r->plan.embedded_script)
        return;
    if (cli_images_read(r->cfg.tftp_root, &r->images, NULL) != 0)
        return;
    pxb_boot_plan all_embedded = r->plan;
    all_embedded.embedded_script = 1;
    size_t lacking = cli_images_check_embedded(&r->images, &all_embedded, 0, &unknown);
    if (lacking + unknown == 0)
        cli_printf(CLI_STDOUT, "Every first-stage image of the boot plan now has an embedded "
                   "script, so iPXE needs no DHCP rule of its own. To drop it: '" CLI_PROGRAM
                   " config set EmbeddedScript=1', then '" CLI_PROGRAM " dhcp apply' (keeping "
                   "it does no harm).\n");
    else
        cli_printf(CLI_STDOUT, "Other first-stage images of the boot plan have no embedded "
                   "script, so the iPXE rule stays (it does no harm to this build).\n");
}

int cli_firmware_replace(const cli_call *call)
{
    static replacing r;
    if (call->args.word_count != 2)
        return cli_bad_usage(call->command, "give the image and the file of your build, like "
                             "'firmware replace undionly.kpxe D:\\builds\\undionly.kpxe'");
    memset(&r, 0, sizeof r);
    r.call = call;
    r.name = call->args.words[0];
    r.file = call->args.words[1];
    r.embedded_script = pxb_cli_has(&call->args, "embedded-script");
    if (cli_firmware_load(&r.cfg, &r.plan, &r.images) != CLI_OK)
        return CLI_FAILED;
    int rc = find_stage(&r);
    if (rc == CLI_OK)
        rc = read_build(&r);
    const cli_image *img = rc == CLI_OK ? cli_images_add(&r.images, r.name) : NULL;
    if (rc == CLI_OK && img == NULL)
        rc = cli_fail("more than %d images are recorded under HKLM\\" PXB_FIRMWARE_SUBKEY,
                      CLI_IMAGES_MAX);
    if (rc == CLI_OK)
        rc = check_safe(&r, img);
    if (rc == CLI_OK)
        rc = put_in_place(&r, img);
    if (rc == CLI_OK)
        say_next_step(&r);
    free(r.data);
    return rc;
}
