/* image_paths.c: the paths of boot images and their kept copies (see image_paths.h). */
#include "image_paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "boot_plan.h"
#include "config.h"
#include "config_registry.h"
#include "file_sha256.h"
#include "program_path.h"
#include "win_text.h"

void cli_join_path(const char *dir, const char *name, char *out, size_t out_len)
{
    size_t dir_len = strlen(dir);
    const char *sep = dir_len > 0 && dir[dir_len - 1] == '\\' ? "" : "\\";
    snprintf(out, out_len, "%s%s%s", dir, sep, name);
    for (char *c = out + dir_len; *c; c++)
        if (*c == '/')
            *c = '\\';
}

static DWORD attributes_of(const char *path)
{
    wchar_t *w = pxb_wide_from_utf8(path);
    DWORD attr = w != NULL ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
    free(w);
    return attr;
}

int cli_is_dir(const char *path)
{
    DWORD attr = attributes_of(path);
    return attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

int cli_is_file(const char *path)
{
    DWORD attr = attributes_of(path);
    return attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY);
}

int cli_own_build_keep_path(const char *name, const char *sha256, char *out, size_t out_len,
                            pxb_error *err)
{
    char dir[PXB_CONFIG_PATH_MAX], file[CLI_SHA256_HEX + PXB_PLAN_VALUE_MAX];
    if (pxb_data_folder("builds", dir, sizeof dir) != 0)
        return pxb_error_set(err, "the ProgramData folder is unknown");
    const char *base = name + strlen(name);
    while (base > name && base[-1] != '/' && base[-1] != '\\')
        base--;
    snprintf(file, sizeof file, "%s-%s", sha256, base);
    cli_join_path(dir, file, out, out_len);
    return 0;
}

int cli_bundled_path(const char *name, char *out, size_t out_len, pxb_error *err)
{
    wchar_t folder[MAX_PATH + 1];
    if (cli_beside_program(L"firmware", folder) != 0)
        return pxb_error_set(err, "the folder of pxebridge.exe cannot be told");
    char *dir = pxb_utf8_from_wide(folder, (size_t)-1);
    if (dir == NULL)
        return pxb_error_set(err, "out of memory");
    cli_join_path(dir, name, out, out_len);
    free(dir);
    return 0;
}
