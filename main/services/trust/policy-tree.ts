import type { CertView } from './cert-view';

/** The anyPolicy OID (RFC 5280 4.2.1.4). */
export const ANY_POLICY = '2.5.29.32.0';

/** RFC 5280 6.1.1 (c), (e)-(g): the relying party's policy inputs. Defaults accept any policy. */
export interface PolicyOptions {
  initialPolicySet?: readonly string[];
  explicitPolicy?: boolean;
  policyMappingInhibit?: boolean;
  anyPolicyInhibit?: boolean;
}

/** Result of policy processing: null failure means the path satisfies the policy requirements. */
export interface PolicyOutcome {
  failure: { index: number; reason: string } | null;
  /** Policies the path is valid for, after the user's initial set (empty when the tree ended NULL). */
  userConstrainedPolicies: string[];
}

interface PolicyNode {
  policy: string;
  expected: Set<string>;
  parent: PolicyNode | null;
  children: PolicyNode[];
  depth: number;
}

/** The valid_policy_tree as levels of nodes; `null` is the NULL tree. */
type Tree = PolicyNode[][] | null;

function addChild(tree: PolicyNode[][], parent: PolicyNode, policy: string, expected: Set<string>): void {
  const node: PolicyNode = { policy, expected, parent, children: [], depth: parent.depth + 1 };
  parent.children.push(node);
  (tree[node.depth] ??= []).push(node);
}

function removeNode(tree: PolicyNode[][], node: PolicyNode): void {
  for (const child of [...node.children]) removeNode(tree, child);
  const level = tree[node.depth] ?? [];
  level.splice(level.indexOf(node), 1);
  if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
}

/** Delete childless nodes above `depth`, bottom-up; the tree becomes NULL when the root goes. */
function prune(tree: PolicyNode[][], depth: number): Tree {
  for (let d = depth - 1; d >= 0; d--) for (const node of [...(tree[d] ?? [])]) if (node.children.length === 0) removeNode(tree, node);
  return (tree[0] ?? []).length === 0 ? null : tree;
}

/** RFC 5280 6.1.3 (d): grow the tree by certificate i's policies (depth i). */
function processPolicies(tree: PolicyNode[][], policies: readonly string[], i: number, anyAllowed: boolean): Tree {
  const parents = tree[i - 1] ?? [];
  for (const policy of policies) {
    if (policy === ANY_POLICY) continue;
    const matching = parents.filter((p) => p.expected.has(policy));
    const targets = matching.length > 0 ? matching : parents.filter((p) => p.policy === ANY_POLICY);
    for (const parent of targets) addChild(tree, parent, policy, new Set([policy]));
  }
  if (policies.includes(ANY_POLICY) && anyAllowed) {
    for (const parent of parents) {
      for (const expected of parent.expected) {
        if (!parent.children.some((c) => c.policy === expected)) addChild(tree, parent, expected, new Set([expected]));
      }
    }
  }
  return prune(tree, i);
}

/** RFC 5280 6.1.4 (b): apply certificate i's policy mappings at depth i. */
function applyMappings(tree: PolicyNode[][], mappings: readonly [string, string][], i: number, mappingAllowed: boolean): Tree {
  const byIssuerPolicy = new Map<string, Set<string>>();
  for (const [from, to] of mappings) byIssuerPolicy.set(from, (byIssuerPolicy.get(from) ?? new Set()).add(to));
  for (const [from, targets] of byIssuerPolicy) {
    const level = tree[i] ?? [];
    const nodes = level.filter((n) => n.policy === from);
    if (mappingAllowed) {
      for (const node of nodes) node.expected = new Set(targets);
      const any = level.find((n) => n.policy === ANY_POLICY);
      if (nodes.length === 0 && any?.parent) addChild(tree, any.parent, from, new Set(targets));
    } else {
      for (const node of nodes) removeNode(tree, node);
    }
  }
  return prune(tree, i);
}

/** RFC 5280 6.1.5 (g): intersect the final tree with the user's initial policy set. */
function intersect(tree: PolicyNode[][], initial: readonly string[], n: number): Tree {
  if (initial.includes(ANY_POLICY)) return tree;
  const all = tree.flat();
  const validNodeSet = all.filter((node) => node.parent?.policy === ANY_POLICY);
  for (const node of validNodeSet) if (node.policy !== ANY_POLICY && !initial.includes(node.policy)) removeNode(tree, node);
  const anyLeaf = (tree[n] ?? []).find((node) => node.policy === ANY_POLICY);
  if (anyLeaf?.parent) {
    const present = new Set(validNodeSet.filter((node) => (tree[node.depth] ?? []).includes(node)).map((node) => node.policy));
    for (const policy of initial) if (!present.has(policy)) addChild(tree, anyLeaf.parent, policy, new Set([policy]));
    removeNode(tree, anyLeaf);
  }
  return prune(tree, n);
}

/**
 * Certificate policy processing of RFC 5280 6.1 over `certs`, ordered from the certificate the
 * trust anchor issued down to the end entity (anchor excluded).
 */
export function processCertificatePolicies(certs: readonly CertView[], options: PolicyOptions = {}): PolicyOutcome {
  const n = certs.length;
  const initial = options.initialPolicySet?.length ? options.initialPolicySet : [ANY_POLICY];
  const root: PolicyNode = { policy: ANY_POLICY, expected: new Set([ANY_POLICY]), parent: null, children: [], depth: 0 };
  let tree: Tree = [[root]];
  let explicitPolicy = options.explicitPolicy ? 0 : n + 1;
  let inhibitAny = options.anyPolicyInhibit ? 0 : n + 1;
  let policyMapping = options.policyMappingInhibit ? 0 : n + 1;
  const fail = (index: number, reason: string): PolicyOutcome => ({ failure: { index, reason }, userConstrainedPolicies: [] });

  for (let i = 1; i <= n; i++) {
    const cert = certs[i - 1]!;
    const { policies, policyMappings, policyConstraints, inhibitAnyPolicy } = cert.ext;
    const last = i === n;
    if (tree && policies) tree = processPolicies(tree, policies, i, inhibitAny > 0 || (!last && cert.selfIssued));
    else tree = null;
    if (explicitPolicy <= 0 && !tree) return fail(i - 1, 'leaves no valid certificate policy, and an explicit policy is required');
    if (last) break;
    if (policyMappings?.some(([from, to]) => from === ANY_POLICY || to === ANY_POLICY)) return fail(i - 1, 'maps anyPolicy, which RFC 5280 6.1.4 (a) forbids');
    if (tree && policyMappings) tree = applyMappings(tree, policyMappings, i, policyMapping > 0);
    if (!cert.selfIssued) {
      if (explicitPolicy > 0) explicitPolicy--;
      if (policyMapping > 0) policyMapping--;
      if (inhibitAny > 0) inhibitAny--;
    }
    const required = policyConstraints?.requireExplicitPolicy;
    if (required != null && required < explicitPolicy) explicitPolicy = required;
    const inhibit = policyConstraints?.inhibitPolicyMapping;
    if (inhibit != null && inhibit < policyMapping) policyMapping = inhibit;
    if (inhibitAnyPolicy != null && inhibitAnyPolicy < inhibitAny) inhibitAny = inhibitAnyPolicy;
  }
  const leaf = certs[n - 1];
  if (explicitPolicy > 0) explicitPolicy--;
  if (leaf?.ext.policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;
  if (tree) tree = intersect(tree, initial, n);
  if (explicitPolicy <= 0 && !tree) return fail(n - 1, 'leaves none of the acceptable certificate policies valid');
  return { failure: null, userConstrainedPolicies: tree ? [...new Set((tree[n] ?? []).map((node) => node.policy))] : [] };
}
