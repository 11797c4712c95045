/* firmware_settings.c: the stored settings, TFTP root and images the firmware commands
 * read (see firmware_settings.h). */
#include "firmware_settings.h"

#include <stdio.h>

#include "cli.h"
#include "console.h"
#include "problems.h"
#include "settings.h"

/* A cli_problem_fn: gathers the problems of the stored settings. */
static void gather(void *ctx, const char *name, const char *why)
{
    (void)name;
    pxb_problems_add(ctx, "%s", why);
}

/* The stored settings into built. Returns 0, or -1 (1 when they are stored but not valid)
 * with the reason in err. */
static int build_stored(cli_built *built, pxb_error *err)
{
    cli_stored stored;
    pxb_problems problems;
    if (cli_stored_read(&stored, err) != 0)
        return -1;
    pxb_problems_init(&problems);
    cli_settings_build(&stored, NULL, 0, built, gather, &problems);
    cli_stored_free(&stored);
    return pxb_problems_report(&problems, err) == 0 ? 0 : 1;
}

int cli_stored_config(pxb_config *cfg, pxb_error *err)
{
    static cli_built built;
    if (build_stored(&built, err) != 0)
        return -1;
    *cfg = built.config;
    return 0;
}

int cli_stored_tftp_root(char *root, size_t root_len, pxb_error *err)
{
    static pxb_config cfg;
    if (cli_stored_config(&cfg, err) != 0)
        return -1;
    snprintf(root, root_len, "%s", cfg.tftp_root);
    return 0;
}

int cli_firmware_load(pxb_config *cfg, pxb_boot_plan *plan, cli_images *images)
{
    pxb_error err;
    cli_built built;
    int rc = build_stored(&built, &err);
    if (rc < 0)
        return cli_fail("the settings cannot be read: %s (run as an administrator?)", err.text);
    if (rc > 0)
        return cli_fail("the settings cannot be read, so neither can TftpRoot: %s; see '"
                        CLI_PROGRAM " config show'", err.text);
    *cfg = built.config;
    *plan = built.plan;
    if (cli_images_read(cfg->tftp_root, images, &err) != 0)
        return cli_fail("the records of your own builds cannot be read: %s (run as an "
                        "administrator?)", err.text);
    return CLI_OK;
}
