/* export_plan.c: the sites test's exporter (tests/integration/sites.sh): reads a boot plan
 * from a --plan-file text and writes it in one export format to stdout, through the same
 * pxb_export the CLI's `dhcp export` uses. Usage: export-plan FORMAT PLANFILE. */
#include <stdio.h>
#include <stdlib.h>

#include "export.h"
#include "whole_file.h"

#define PLAN_FILE_MAX 65536

int main(int argc, char **argv)
{
    static char out[262144];
    pxb_boot_plan plan;
    pxb_error err = {0};
    size_t len;

    if (argc != 3 || pxb_export_find(argv[1]) == NULL) {
        fprintf(stderr, "usage: export-plan FORMAT PLANFILE\n");
        return 2;
    }
    char *text = pxb_file_read_text(argv[2], PLAN_FILE_MAX, &err);
    if (text == NULL) {
        fprintf(stderr, "export-plan: %s\n", err.text);
        return 1;
    }
    int rc = pxb_plan_parse(text, &plan, &err);
    free(text);
    if (rc != 0 ||
        pxb_export(pxb_export_find(argv[1]), &plan, out, sizeof out, &len, &err) != PXB_EXPORT_OK) {
        fprintf(stderr, "export-plan: %s\n", err.text);
        return 1;
    }
    fputs(out, stdout);
    return 0;
}
