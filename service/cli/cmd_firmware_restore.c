/* cmd_firmware_restore.c: `pxebridge firmware reapply` and `pxebridge firmware restore
 * IMAGE`: putting a kept copy of a boot image back into the TFTP root. reapply puts back
 * each own build recorded by `firmware replace` whose copy in the root is no longer it, from
 * the copy kept under %ProgramData%\pxebridge\builds: the MSI runs it after it has put the
 * bundled images into the root on an install, upgrade or repair, so the admin's builds
 * survive those. restore goes the other way for one image: the bundled build, from the copy
 * the MSI keeps beside pxebridge.exe (checked against its pin), replaces the admin's build,
 * whose record and kept copy are deleted. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "firmware_images.h"
#include "firmware_settings.h"
#include "image_paths.h"
#include "image_write.h"
#include "osfile.h"
#include "own_build_records.h"

#define PATH_MAX_LEN (PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX)

/* The settings' images: CLI_OK, or CLI_FAILED after saying why. */
static int read_images(cli_images *images)
{
    pxb_config cfg;
    pxb_boot_plan plan;
    return cli_firmware_load(&cfg, &plan, images);
}

int cli_firmware_reapply(const cli_call *call)
{
    static cli_images images;
    char kept[PATH_MAX_LEN];
    pxb_error err;
    size_t put_back = 0, failed = 0;
    (void)call;
    if (read_images(&images) != CLI_OK)
        return CLI_FAILED;
    for (size_t i = 0; i < images.count; i++) {
        const cli_image *img = &images.image[i];
        if (img->own_sha256[0] == '\0' || img->state == PXB_IMAGE_OWN)
            continue;
        if (cli_own_build_keep_path(img->name, img->own_sha256, kept, sizeof kept, &err) != 0 ||
            cli_image_copy_in(img, kept, img->own_sha256, &err) != 0) {
            cli_fail("your build of %s was not put back: %s; put it in place again with '"
                     CLI_PROGRAM " firmware replace %s FILE'", img->name, err.text, img->name);
            failed++;
            continue;
        }
        cli_printf(CLI_STDOUT, "Put your build of %s back in %s (sha256 %s).\n", img->name,
                   images.root, img->own_sha256);
        put_back++;
    }
    if (failed > 0)
        return CLI_FAILED;
    if (put_back == 0)
        cli_printf(CLI_STDOUT, "Every recorded build of yours is in place in %s.\n",
                   images.root);
    return CLI_OK;
}

int cli_firmware_restore(const cli_call *call)
{
    static cli_images images;
    char bundled[PATH_MAX_LEN], kept[PATH_MAX_LEN];
    pxb_error err;
    if (call->args.word_count != 1)
        return cli_bad_usage(call->command, "give the one image to restore, like 'firmware "
                             "restore undionly.kpxe'");
    const char *name = call->args.words[0];
    if (read_images(&images) != CLI_OK)
        return CLI_FAILED;
    cli_image *img = cli_images_find(&images, name);
    if (img == NULL || img->pinned_sha256 == NULL)
        return cli_bad_usage(call->command, "pxebridge ships no build of '%s' ('" CLI_PROGRAM
                             " firmware list' shows those it ships); nothing was changed",
                             name);
    if (cli_bundled_path(img->name, bundled, sizeof bundled, &err) != 0 ||
        cli_image_copy_in(img, bundled, img->pinned_sha256, &err) != 0)
        return cli_fail("the bundled %s could not be put back: %s; repair pxebridge's "
                        "installation (Settings > Apps > pxebridge > Modify > Repair) and try "
                        "again; nothing was changed", img->name, err.text);
    if (img->own_sha256[0] != '\0') {
        if (cli_image_forget(img->name, &err) != 0)
            return cli_fail("the bundled %s is back, but the record of your build could not "
                            "be deleted: %s; 'firmware reapply' would put your build back",
                            img->name, err.text);
        if (cli_own_build_keep_path(img->name, img->own_sha256, kept, sizeof kept, NULL) == 0)
            pxb_osfile_remove(kept);
    }
    cli_printf(CLI_STDOUT, "Put the bundled %s (sha256 %s) back in %s.\n", img->name,
               img->pinned_sha256, images.root);
    return CLI_OK;
}
