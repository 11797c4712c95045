/* cmd_winpe.c: `pxebridge winpe list|verify|remove`: the WinPE images `winpe add` put into
 * the TFTP root, as its catalog records them (winpe_store.h): listed; their files checked
 * against the recorded sizes and SHA-256, each file that differs named; one taken away,
 * catalog entry first (so nothing offers it any more), then its files and folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "cli.h"
#include "console.h"
#include "file_sha256.h"
#include "osfile.h"
#include "win_text.h"
#include "winpe_report.h"
#include "winpe_store.h"

#define PATH_LEN 4096

static cli_winpe_store store;

/* The image NAME of the catalog, or NULL after saying so (CLI_USAGE in *rc). */
static const pxb_winpe_image *find_named(const cli_call *call, const char *name, int *rc)
{
    const pxb_winpe_image *img = pxb_winpe_catalog_find(&store.cat, name);
    if (img == NULL)
        *rc = cli_bad_usage(call->command, "no WinPE image is named %s; see '" CLI_PROGRAM
                            " winpe list'", name);
    return img;
}

int cli_winpe_list(const cli_call *call)
{
    int rc = cli_winpe_load(&store);
    if (rc != CLI_OK)
        return rc;
    if (call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "tftp_root", store.root);
        pxb_json_key(&j, "images");
        pxb_json_begin_array(&j);
        for (size_t i = 0; i < store.cat.count; i++)
            cli_winpe_json(&j, &store.cat.images[i]);
        pxb_json_end_array(&j);
        pxb_json_end_object(&j);
        return cli_put_json(&j);
    }
    if (store.cat.count == 0)
        cli_printf(CLI_STDOUT, "No WinPE images; add one with '" CLI_PROGRAM
                   " winpe add NAME SOURCE'\n");
    for (size_t i = 0; i < store.cat.count; i++)
        cli_winpe_print(&store.cat.images[i]);
    return CLI_OK;
}

/* What one file of an image is against its record: NULL when as recorded. */
static const char *check_file(const pxb_winpe_image *img, const pxb_winpe_file *f,
                              char *why, size_t why_len)
{
    char path[PATH_LEN], sha256[CLI_SHA256_HEX];
    unsigned long long size = 0;
    pxb_error err;
    cli_winpe_path(&store, img->name, f->name, path, sizeof path);
    int hashed = cli_file_sha256(path, sha256, &size, &err);
    if (hashed == CLI_HASH_MISSING)
        return "missing";
    if (hashed != CLI_HASH_OK) {
        snprintf(why, why_len, "unreadable: %s", err.text);
        return why;
    }
    if (size != f->size) {
        snprintf(why, why_len, "altered: %llu bytes, recorded %llu", size,
                 (unsigned long long)f->size);
        return why;
    }
    return strcmp(sha256, f->sha256) == 0 ? NULL : "altered: its SHA-256 is not the recorded one";
}

/* Checks img's files, naming each that differs; the count of those. */
static size_t verify_image(const pxb_winpe_image *img, pxb_json *j)
{
    char why[PXB_ERROR_TEXT_MAX + 64];
    size_t bad = 0;
    if (j != NULL) {
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "name", img->name);
        pxb_json_key(j, "differ");
        pxb_json_begin_array(j);
    }
    for (size_t i = 0; i < img->file_count; i++) {
        const char *state = check_file(img, &img->files[i], why, sizeof why);
        if (state == NULL)
            continue;
        bad++;
        if (j != NULL) {
            pxb_json_begin_object(j);
            pxb_json_field_string(j, "file", img->files[i].name);
            pxb_json_field_string(j, "state", state);
            pxb_json_end_object(j);
        } else {
            cli_printf(CLI_STDOUT, "%s: %s %s\n", img->name, img->files[i].name, state);
        }
    }
    if (j != NULL) {
        pxb_json_end_array(j);
        pxb_json_field_bool(j, "intact", bad == 0);
        pxb_json_end_object(j);
    } else if (bad == 0) {
        cli_printf(CLI_STDOUT, "%s: intact (%zu files)\n", img->name, img->file_count);
    }
    return bad;
}

int cli_winpe_verify(const cli_call *call)
{
    int rc = cli_winpe_load(&store);
    if (rc != CLI_OK)
        return rc;
    if (call->args.word_count > 1)
        return cli_bad_usage(call->command, "give at most one NAME");
    const pxb_winpe_image *only = NULL;
    if (call->args.word_count == 1 && (only = find_named(call, call->args.words[0], &rc)) == NULL)
        return rc;
    pxb_json j, *jp = call->json ? &j : NULL;
    size_t bad = 0;
    if (jp != NULL) {
        pxb_json_init(jp);
        pxb_json_begin_object(jp);
        pxb_json_key(jp, "images");
        pxb_json_begin_array(jp);
    }
    for (size_t i = 0; i < store.cat.count; i++)
        if (only == NULL || only == &store.cat.images[i])
            bad += verify_image(&store.cat.images[i], jp);
    if (jp != NULL) {
        pxb_json_end_array(jp);
        pxb_json_field_bool(jp, "intact", bad == 0);
        pxb_json_end_object(jp);
        rc = cli_put_json(jp);
    } else if (bad > 0) {
        cli_printf(CLI_STDOUT, "%zu file(s) differ from the catalog: add the image again "
                   "with 'winpe add NAME SOURCE --replace'\n", bad);
    }
    return bad > 0 ? CLI_FAILED : rc;
}

/* Deletes an image's files and its folder; the count of those that could not go. */
static size_t delete_files(const pxb_winpe_image *img)
{
    char path[PATH_LEN];
    size_t left = 0;
    for (size_t i = 0; i < img->file_count; i++) {
        cli_winpe_path(&store, img->name, img->files[i].name, path, sizeof path);
        if (pxb_osfile_remove(path) != 0) {
            cli_printf(CLI_STDERR, "warning: %s could not be deleted\n", path);
            left++;
        }
    }
    cli_winpe_path(&store, img->name, NULL, path, sizeof path);
    wchar_t *w = pxb_wide_from_utf8(path);
    if (w != NULL)
        RemoveDirectoryW(w); /* left when it holds files of someone else's */
    free(w);
    return left;
}

int cli_winpe_remove(const cli_call *call)
{
    pxb_error err;
    int rc = cli_winpe_load(&store);
    if (rc != CLI_OK)
        return rc;
    if (call->args.word_count != 1)
        return cli_bad_usage(call->command, "give the NAME of one image");
    const pxb_winpe_image *found = find_named(call, call->args.words[0], &rc);
    if (found == NULL)
        return rc;
    pxb_winpe_image img = *found;
    size_t at = (size_t)(found - store.cat.images);
    memmove(&store.cat.images[at], &store.cat.images[at + 1],
            (store.cat.count - at - 1) * sizeof img);
    store.cat.count--;
    if (cli_winpe_save(&store, &err) != 0)
        return cli_fail("the WinPE catalog cannot be written: %s (run as an administrator?); "
                        "nothing was removed", err.text);
    size_t left = delete_files(&img);
    if (call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "removed", img.name);
        pxb_json_field_int(&j, "files_left", (long long)left);
        pxb_json_end_object(&j);
        rc = cli_put_json(&j);
    } else {
        cli_printf(CLI_STDOUT, "Removed WinPE image %s (%zu files)\n", img.name,
                   img.file_count - left);
    }
    return left > 0 ? CLI_FAILED : rc;
}
