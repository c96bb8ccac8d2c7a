import { readFileSync } from 'node:fs';
import { conformancePath } from '../../helpers/conformance';
import { compileTrustContext, verify, type VerifyOutcome } from '../../../main/services/trust';

/** One entry of pkits_expected.json (fields the tests use). */
export interface PkitsCase {
  id: string;
  title: string;
  section: string;
  categories: string[];
  trust_anchor: string;
  intermediates: string[];
  end_entity: string;
  crls: string[];
  validation_time: string;
  settings: {
    initial_policy_set: string[];
    initial_explicit_policy: boolean;
    initial_policy_mapping_inhibit: boolean;
    initial_inhibit_any_policy: boolean;
  };
  expected_valid: boolean;
  expected_user_constrained_policy_set: string[] | null;
}

interface PkitsFile {
  tests: PkitsCase[];
  policy_oids: Record<string, string>;
}

/** The suite, read in place from ../shared/conformance/pkits. */
export function loadPkits(): PkitsFile {
  return JSON.parse(readFileSync(conformancePath('pkits', 'pkits_expected.json'), 'utf8')) as PkitsFile;
}

const cache = new Map<string, Uint8Array>();
const read = (dir: 'certs' | 'crls', name: string): Uint8Array => {
  const key = `${dir}/${name}`;
  let der = cache.get(key);
  if (!der) cache.set(key, (der = new Uint8Array(readFileSync(conformancePath('pkits', dir, name)))));
  return der;
};

/** File paths of a case, for the CLI runs. */
export function pkitsFiles(test: PkitsCase) {
  return {
    anchor: conformancePath('pkits', 'certs', test.trust_anchor),
    intermediates: test.intermediates.map((n) => conformancePath('pkits', 'certs', n)),
    leaf: conformancePath('pkits', 'certs', test.end_entity),
    crls: test.crls.map((n) => conformancePath('pkits', 'crls', n)),
  };
}

/** Run one case in-process: strict revocation (PKITS supplies a CRL for every CA) and the case's policy inputs. */
export function runPkitsCase(test: PkitsCase, policyOids: Record<string, string>): VerifyOutcome {
  const context = compileTrustContext({
    anchors: [read('certs', test.trust_anchor)],
    intermediates: test.intermediates.map((n) => read('certs', n)),
    crls: test.crls.map((n) => read('crls', n)),
  });
  return verify(context, read('certs', test.end_entity), [], {
    at: new Date(test.validation_time),
    purpose: 'any',
    revocation: 'strict',
    policy: {
      initialPolicySet: test.settings.initial_policy_set.map((name) => policyOids[name] ?? name),
      explicitPolicy: test.settings.initial_explicit_policy,
      policyMappingInhibit: test.settings.initial_policy_mapping_inhibit,
      anyPolicyInhibit: test.settings.initial_inhibit_any_policy,
    },
  });
}
