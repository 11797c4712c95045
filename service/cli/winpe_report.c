/* winpe_report.c: a catalogued WinPE image as text and as JSON (see winpe_report.h). */
#include "winpe_report.h"

#include "console.h"

unsigned long long cli_winpe_size(const pxb_winpe_image *img)
{
    unsigned long long total = 0;
    for (size_t i = 0; i < img->file_count; i++)
        total += img->files[i].size;
    return total;
}

/* "  files: a b c" for the files that are (or are not) injected; nothing when none is. */
static void print_files(const pxb_winpe_image *img, int injected, const char *label)
{
    int any = 0;
    for (size_t i = 0; i < img->file_count; i++) {
        if (img->files[i].injected != injected)
            continue;
        cli_printf(CLI_STDOUT, "%s%s", any ? " " : label, img->files[i].name);
        any = 1;
    }
    if (any)
        cli_printf(CLI_STDOUT, "%s\n", injected ? " (into \\Windows\\System32)" : "");
}

void cli_winpe_print(const pxb_winpe_image *img)
{
    cli_printf(CLI_STDOUT, "%s: %s, %llu bytes, WIM image %u \"%s\"%s%s\n", img->name,
               pxb_winpe_arch_name(img->arch), cli_winpe_size(img), img->index,
               img->image_name, img->version[0] ? " version " : "", img->version);
    print_files(img, 0, "  files: ");
    print_files(img, 1, "  injected: ");
}

void cli_winpe_json(pxb_json *j, const pxb_winpe_image *img)
{
    pxb_json_begin_object(j);
    cli_winpe_json_fields(j, img);
    pxb_json_end_object(j);
}

void cli_winpe_json_fields(pxb_json *j, const pxb_winpe_image *img)
{
    pxb_json_field_string(j, "name", img->name);
    pxb_json_field_string(j, "arch", pxb_winpe_arch_name(img->arch));
    pxb_json_field_int(j, "index", img->index);
    pxb_json_field_string(j, "image_name", img->image_name);
    pxb_json_field_string(j, "version", img->version);
    pxb_json_field_int(j, "size", (long long)cli_winpe_size(img));
    pxb_json_key(j, "files");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < img->file_count; i++) {
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "name", img->files[i].name);
        pxb_json_field_int(j, "size", (long long)img->files[i].size);
        pxb_json_field_string(j, "sha256", img->files[i].sha256);
        pxb_json_field_bool(j, "injected", img->files[i].injected);
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
    pxb_json_key(j, "injected");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < img->file_count; i++)
        if (img->files[i].injected)
            pxb_json_string(j, img->files[i].name);
    pxb_json_end_array(j);
}
