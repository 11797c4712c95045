/* embedded_script_check.c: the EmbeddedScript check on the first-stage images the plan
 * hands out (see embedded_script_check.h). */
#include "embedded_script_check.h"

#include "cli.h"
#include "console.h"

/* What is known of the embedded script of the image named name: 1 it has one, 0 it has
 * none, -1 unknown; what is known, in words, into why. */
static int embedded_script_of(const cli_images *images, const char *name, pxb_error *why)
{
    const cli_image *img = cli_images_find((cli_images *)images, name);
    if (img == NULL) {
        pxb_error_set(why, "not recorded by 'firmware replace'");
        return -1;
    }
    return pxb_image_embedded_script(img->state, img->bundled_ipxe, img->own_embedded_script,
                                     why);
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
        pxb_error why;
        int has = embedded_script_of(images, name, &why);
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
                     info->setting, name, images->root, why.text, name);
        else
            cli_printf(CLI_STDERR, "warning: EmbeddedScript=1, but %s '%s' in %s is %s, so "
                       "pxebridge cannot tell whether it has an embedded script (without one, "
                       "clients loop); record it with 'pxebridge firmware replace %s FILE "
                       "--embedded-script'\n", info->setting, name, images->root, why.text,
                       name);
    }
    if (unknown != NULL)
        *unknown = untold;
    return lacking;
}
