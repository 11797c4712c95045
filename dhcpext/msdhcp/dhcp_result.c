/* dhcp_result.c: freeing a run's result, and the result of a run that cannot start (see
 * dhcp_result.h). */
#include "dhcp_result.h"

#include <stdlib.h>

void pxb_dhcp_result_free(pxb_dhcp_result *result)
{
    free(result->text);
    free(result->json);
    result->text = NULL;
    result->json = NULL;
}

enum pxb_dhcp_status pxb_ms_no_report(pxb_dhcp_result *out)
{
    out->text = NULL;
    out->json = NULL;
    out->warnings = 0;
    out->status = PXB_DHCP_FAILED;
    return PXB_DHCP_FAILED;
}
