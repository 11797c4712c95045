/* optdata.h: option data (DHCP_OPTION_DATA) between the API's form and the model's, both
 * ways. MS-DHCPM checks no value against its definition's type (3.2.4.20, 3.2.4.102). */
#ifndef PXB_DOUBLE_OPTDATA_H
#define PXB_DOUBLE_OPTDATA_H

#include "dhcpsapi_decl.h"
#include "model.h"
#include "rpcmem.h"

/* Copies a caller's data into the model. ERROR_INVALID_PARAMETER for no elements, an
 * unknown element type or a NULL string. */
DWORD optdata_in(const DHCP_OPTION_DATA *in, dbl_data *out);
/* Fills out with the data; every nested block allocated in batch. */
void optdata_out(rpc_batch *batch, const dbl_data *in, DHCP_OPTION_DATA *out);

#endif
