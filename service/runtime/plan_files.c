/* plan_files.c: the table of files made from the boot plan, each sized, allocated and
 * written in one go for the servers (see plan_files.h). */
#include "plan_files.h"

#include <stdlib.h>

#include "boot_script.h"
#include "grub_menu.h"
#include "menu_source.h"

/* One generated file: its name and the writer of its text (snprintf-like: the length it
 * needs, whatever out_len is). */
typedef struct plan_file {
    const char *name;
    size_t (*write)(const pxb_menu_source *src, char *out, size_t out_len);
} plan_file;

static const plan_file PLAN_FILES[] = {
    {PXB_DEFAULT_SCRIPT, pxb_boot_script},
    {PXB_GRUB_MENU_NAME, pxb_grub_menu},
};

/* Makes one file and hands it on; -1 when memory runs out or the sink refuses it. */
static int serve_one(const plan_file *f, const pxb_menu_source *src, pxb_plan_file_sink sink,
                     void *ctx)
{
    size_t len = f->write(src, NULL, 0);
    char *text = malloc(len + 1);
    if (text == NULL)
        return -1;
    f->write(src, text, len + 1);
    int rc = sink(ctx, f->name, text, len);
    free(text);
    return rc;
}

int pxb_plan_files_serve(const pxb_boot_plan *plan, const pxb_config *cfg,
                         const pxb_winpe_catalog *winpe, pxb_plan_file_sink sink, void *ctx)
{
    pxb_menu_http http = {cfg->http_port, cfg->http_tls, cfg->http_prefix};
    pxb_menu_source src;
    int rc = 0;

    pxb_menu_source_init(&src, plan, winpe, &http);
    for (size_t i = 0; i < sizeof PLAN_FILES / sizeof PLAN_FILES[0]; i++) {
        if (serve_one(&PLAN_FILES[i], &src, sink, ctx) != 0)
            rc = -1;
    }
    return rc;
}
