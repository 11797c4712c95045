/* dhcp_sync_driver.c: the wine test's small driver for pxb_dhcp_run: reads a boot plan text
 * file, runs one action against one server and prints the text or JSON report.
 *   dhcp_sync_driver.exe plan|apply|verify|remove PLANFILE [SERVER] [--json]
 * Exit status: 0 in line / done, 1 changes or drift, 2 failed or bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_sync.h"

static const char *const ACTIONS[] = {"plan", "apply", "verify", "remove"};

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(65536) : NULL;
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;

    if (f)
        fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static void show(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "  %s\n", line);
}

int main(int argc, char **argv)
{
    int json = argc > 1 && strcmp(argv[argc - 1], "--json") == 0;
    int args = argc - json;
    pxb_boot_plan plan;
    pxb_dhcp_result result;
    pxb_error err;
    char *text;
    int action = -1;

    for (int i = 0; args >= 3 && i < 4; i++)
        if (strcmp(argv[1], ACTIONS[i]) == 0)
            action = i;
    if (action < 0 || args > 4) {
        fprintf(stderr, "usage: dhcp_sync_driver plan|apply|verify|remove PLANFILE [SERVER] "
                        "[--json]\n");
        return 2;
    }
    text = read_file(argv[2]);
    if (text == NULL || pxb_plan_parse(text, &plan, &err) != 0) {
        fprintf(stderr, "%s: %s\n", argv[2], text ? err.text : "cannot read");
        free(text);
        return 2;
    }
    free(text);
    pxb_dhcp_run((enum pxb_dhcp_action)action, &plan, args == 4 ? argv[3] : NULL,
                 PXB_DHCP_WITH_PARTNERS, show, NULL, &result);
    fputs(json ? (result.json ? result.json : "") : (result.text ? result.text : ""), stdout);
    pxb_dhcp_result_free(&result);
    return result.status == PXB_DHCP_OK ? 0 : result.status == PXB_DHCP_CHANGES ? 1 : 2;
}
