/* wimboot_import.c: puts the admin's wimboot in the TFTP root (see wimboot_import.h). */
#include "wimboot_import.h"

#include <stdio.h>

#include "authenticode.h"
#include "cli.h"
#include "console.h"
#include "config.h"
#include "file_sha256.h"
#include "image_paths.h"
#include "image_write.h"
#include "own_build_records.h"
#include "wimboot.h"

int cli_wimboot_candidate(const char *data, size_t len)
{
    return len >= 2 && data[0] == 'M' && data[1] == 'Z';
}

int cli_wimboot_import(const char *file, const char *data, size_t len, const char *root)
{
    const unsigned char *bytes = (const unsigned char *)data;
    char path[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX], sha256[CLI_SHA256_HEX], text[1024];
    pxb_wimboot_info info;
    pxb_signatures sigs;
    pxb_error err;

    if (pxb_wimboot_check(bytes, len, &info, &err) != 0)
        return cli_fail("%s %s; nothing imported", file, err.text);
    if (cli_data_sha256(data, len, sha256, &err) != CLI_HASH_OK)
        return cli_fail("%s cannot be hashed: %s", file, err.text);
    cli_join_path(root, info.name, path, sizeof path);
    if (cli_write_with_folder(path, data, len, &err) != 0 ||
        cli_image_record(info.name, sha256, 0, &err) != 0)
        return cli_fail("%s cannot be put in place: %s", path, err.text);
    pxb_authenticode_read(bytes, len, &sigs);
    pxb_sig_describe(&sigs, text, sizeof text);
    cli_printf(CLI_STDOUT, "Imported wimboot %s (for %s) into %s as %s:\n"
                           "  %-28s %9zu bytes  %s\n", info.version, info.clients, root,
               info.name, info.name, len, text);
    return CLI_OK;
}
