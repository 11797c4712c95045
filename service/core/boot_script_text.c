/* boot_script_text.c: sizes, allocates and writes the boot script in one call. */
#include "boot_script_text.h"

#include <stdlib.h>

#include "boot_script.h"

char *pxb_boot_script_text(const pxb_boot_plan *plan, size_t *len)
{
    *len = pxb_boot_script(plan, NULL, 0);
    char *text = malloc(*len + 1);
    if (text != NULL)
        pxb_boot_script(plan, text, *len + 1);
    return text;
}
