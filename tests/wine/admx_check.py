#!/usr/bin/env python3
"""admx_check.py ADMX ADML SHOW_JSON: checks pxebridge's Group Policy templates against the
settings as the product prints them (`pxebridge config show --json`: each setting's name,
kind, min, max, zero_off, choices and help, and each group's policy key). Both files must be
well-formed XML of the PolicyDefinitions schema's namespace, and every setting must have one
policy under its group's policy key whose element writes the value of the setting's name
with the type its kind is stored as: a number as a decimal with the same range (0 as the
least when 0 turns the setting off), a flag as a boolean writing 1 and 0, a choice as an
enum of the same names in order, a path as expandable text, anything else as text; with a
display name, a presentation for the element, and the setting's help in its explanation;
under the category "pxebridge", supported on Windows Server 2012. No policy may be left over.
Prints one line per problem; exit status 1 when there is any, 0 when all is well."""
import json
import sys
import xml.etree.ElementTree as ET

NS = '{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}'
TEXT_KINDS = {'text', 'range', 'item', 'list', 'path'}


def ref_id(value, kind):
    """'$(string.X)' -> 'X' when kind is 'string' (or 'presentation'), else None."""
    prefix = '$(%s.' % kind
    if value and value.startswith(prefix) and value.endswith(')'):
        return value[len(prefix):-1]
    return None


def squash(text):
    return ' '.join((text or '').split())


class Templates:
    def __init__(self, admx, adml):
        self.admx = ET.parse(admx).getroot()
        self.adml = ET.parse(adml).getroot()
        self.strings = {s.get('id'): s.text or '' for s in self.adml.iter(NS + 'string')}
        self.presentations = {p.get('id'): p for p in self.adml.iter(NS + 'presentation')}
        self.categories = {c.get('name'): c for c in self.admx.iter(NS + 'category')}
        self.policies = list(self.admx.iter(NS + 'policy'))

    def string(self, ref):
        return self.strings.get(ref_id(ref, 'string'))

    def reaches_pxebridge(self, policy):
        parent = policy.find(NS + 'parentCategory')
        for _ in range(8):
            if parent is None:
                return False
            if parent.get('ref') == 'pxebridge':
                return True
            category = self.categories.get(parent.get('ref'))
            parent = None if category is None else category.find(NS + 'parentCategory')
        return False

    def find(self, key, name):
        """The (policy, element) pairs writing value name under key."""
        found = []
        for policy in self.policies:
            if policy.get('key') != key:
                continue
            elements = policy.find(NS + 'elements')
            for element in (elements if elements is not None else []):
                if element.get('valueName') == name and element.get('key') in (None, key):
                    found.append((policy, element))
        return found


def check_type(setting, element):
    """What is wrong with the element's type and range for the setting, or None."""
    kind, tag = setting['kind'], element.tag[len(NS):]
    if kind == 'number':
        least = 0 if setting['zero_off'] else setting['min']
        got = (tag, element.get('minValue'), element.get('maxValue'), element.get('storeAsText'))
        want = ('decimal', str(least), str(setting['max']), None)
    elif kind == 'flag':
        values = [element.find('%s/%sdecimal' % (NS + side, NS)) for side in ('trueValue', 'falseValue')]
        got = (tag, [v.get('value') if v is not None else None for v in values])
        want = ('boolean', ['1', '0'])
    elif kind == 'choice':
        got = (tag, [v.text for v in element.iter(NS + 'string')])
        want = ('enum', setting['choices'])
    elif kind in TEXT_KINDS:
        got = (tag, element.get('expandable') == 'true')
        want = ('text', kind == 'path')
    else:
        return 'kind %s has no policy type' % kind
    return None if got == want else 'is %s, want %s' % (got, want)


def check_setting(t, key, setting):
    name = setting['name']
    found = t.find(key, name)
    if len(found) != 1:
        return ['%s: %d policies write it under %s, want 1' % (name, len(found), key)], None
    policy, element = found[0]
    problems = []
    wrong = check_type(setting, element)
    if wrong:
        problems.append('%s: its element %s' % (name, wrong))
    if policy.get('class') not in ('Machine', 'Both'):
        problems.append('%s: the policy is not for the machine' % name)
    if not t.string(policy.get('displayName')):
        problems.append('%s: no display name' % name)
    if squash(setting['help']) not in squash(t.string(policy.get('explainText'))):
        problems.append('%s: its explanation lacks the help text' % name)
    shown = t.presentations.get(ref_id(policy.get('presentation'), 'presentation'))
    if shown is None or not any(c.get('refId') == element.get('id') for c in shown):
        problems.append('%s: no presentation for its element' % name)
    if not t.reaches_pxebridge(policy):
        problems.append('%s: not under the category pxebridge' % name)
    supported = policy.find(NS + 'supportedOn')
    if supported is None or supported.get('ref') != 'SUPPORTED_WindowsServer2012':
        problems.append('%s: not supported on Windows Server 2012' % name)
    return problems, policy


def main():
    admx, adml, show = sys.argv[1:4]
    try:
        t = Templates(admx, adml)
    except ET.ParseError as e:
        print('not well-formed XML: %s' % e)
        return 1
    settings = json.load(open(show))
    problems, covered = [], set()
    if t.admx.tag != NS + 'policyDefinitions' or t.adml.tag != NS + 'policyDefinitionResources':
        problems.append('the root elements are not those of PolicyDefinitions')
    if 'Windows Server 2012' not in (t.strings.get('SUPPORTED_WindowsServer2012') or ''):
        problems.append('SUPPORTED_WindowsServer2012 does not say Windows Server 2012')
    for group in ('service', 'boot_plan'):
        key = settings[group]['policy_key']
        key = key[len('HKLM\\'):] if key.startswith('HKLM\\') else key
        for setting in settings[group]['settings']:
            found, policy = check_setting(t, key, setting)
            problems += found
            covered.add(id(policy))
    for policy in t.policies:
        if id(policy) not in covered:
            problems.append('policy %s is no setting' % policy.get('name'))
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
