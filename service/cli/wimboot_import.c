/* wimboot_import.c: puts the admin's wimboot in the TFTP root (see wimboot_import.h). */
#include "wimboot_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "console.h"
#include "firmware_images.h"
#include "image_paths.h"
#include "image_write.h"
#include "own_build_records.h"
#include "signature_report.h"
#include "whole_file.h"

int cli_wimboot_candidate(const char *data, size_t len)
{
    return len >= 2 && data[0] == 'M' && data[1] == 'Z';
}

int cli_wimboot_check(const char *file, const char *data, size_t len, cli_wimboot *out)
{
    const unsigned char *bytes = (const unsigned char *)data;
    pxb_error err;

    out->file = file;
    out->data = data;
    out->len = len;
    if (pxb_wimboot_check(bytes, len, &out->info, &err) != 0)
        return cli_fail("%s %s; nothing imported", file, err.text);
    if (cli_data_sha256(data, len, out->sha256, &err) != CLI_HASH_OK)
        return cli_fail("%s cannot be hashed: %s", file, err.text);
    pxb_authenticode_read(bytes, len, &out->sigs);
    return CLI_OK;
}

int cli_wimboot_read(const char *file, cli_wimboot *out)
{
    pxb_error err;
    size_t len;
    memset(out, 0, sizeof *out);
    out->held = pxb_file_read(file, CLI_IMAGE_MAX, &len, &err);
    if (out->held == NULL)
        return cli_fail("%s cannot be read: %s", file, err.text);
    return cli_wimboot_check(file, out->held, len, out);
}

void cli_wimboot_free(cli_wimboot *w)
{
    free(w->held);
    w->held = NULL;
}

int cli_wimboot_put(const cli_wimboot *w, const char *root)
{
    char path[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    pxb_error err;

    cli_join_path(root, w->info.name, path, sizeof path);
    if (cli_write_with_folder(path, w->data, w->len, &err) != 0 ||
        cli_image_record(w->info.name, w->sha256, 0, &err) != 0)
        return cli_fail("%s cannot be put in place: %s", path, err.text);
    return CLI_OK;
}

void cli_wimboot_print(const cli_wimboot *w, const char *root)
{
    char text[1024];
    pxb_sig_describe(&w->sigs, text, sizeof text);
    cli_printf(CLI_STDOUT, "Imported wimboot %s (for %s) into %s as %s:\n"
                           "  %-28s %9zu bytes  %s\n", w->info.version, w->info.clients, root,
               w->info.name, w->info.name, w->len, text);
}

void cli_wimboot_json(pxb_json *j, const cli_wimboot *w)
{
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "name", w->info.name);
    pxb_json_field_string(j, "version", w->info.version);
    pxb_json_field_string(j, "clients", w->info.clients);
    pxb_json_field_int(j, "size", (long long)w->len);
    pxb_json_field_string(j, "sha256", w->sha256);
    pxb_json_key(j, "signature");
    cli_json_signature(j, &w->sigs);
    pxb_json_end_object(j);
}
