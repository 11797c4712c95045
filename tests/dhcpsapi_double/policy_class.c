/* policy_class.c: what the server derives from a policy's conditions: the user class it
 * stands for (MS-DHCPM 3.1.1.35 DHCPv4Policy.ClassName, set by 3.2.4.109 and 3.2.4.111, used
 * by 3.2.4.27's cascade), and whether DhcpV4EnumPolicies shows it (3.2.4.113 note <86>). */
#include "policy.h"

#include <stdlib.h>

#define OPTION_RELAY_AGENT 82

DWORD policy_assign_class(dbl_server *server, dbl_policy *policy)
{
    const dbl_class *cls = NULL;
    /* "only one condition record with the Operator member set to DhcpCompEqual": any
     * attribute, as the text says; the class is a user class (IsVendor FALSE) whose
     * ClassData is the condition's Value. */
    if (policy->cond_count == 1 && policy->conds[0].op == DhcpCompEqual)
        cls = model_find_class_data(server, 0, &policy->conds[0].value);
    char *name = model_strdup(cls ? cls->name : "");
    if (!name)
        return ERROR_NOT_ENOUGH_MEMORY;
    free(policy->class_name);
    policy->class_name = name;
    return ERROR_SUCCESS;
}

int policy_is_enum_visible(const dbl_server *server, const dbl_policy *policy)
{
    /* <86>: Windows Server 2012 returns every policy. */
    if (model_version(server) < DBL_VERSION_2012_R2)
        return 1;
    /* 2012 R2 and later hide, for older callers, a policy with an EndsWith / NotEndWith
     * comparator, an FQDN attribute, or a relay agent condition other than Equal /
     * NotEqual. */
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *cond = &policy->conds[i];
        if (cond->op > DhcpCompNotBeginWith || cond->type > DhcpAttrSubOption ||
            (cond->option == OPTION_RELAY_AGENT && cond->op > DhcpCompNotEqual))
            return 0;
    }
    return 1;
}
