import { sameBindingKey, type BindingKey } from '../../../shared/models/binding';
import type { Site } from '../../../shared/models/site';

/**
 * One site after its chosen bindings moved from certificate `from` to `to`. A binding with its own
 * certificate gets the new one as its own. Bindings that inherit the site's certificate move
 * together by changing the site's certificate, when every one of them was chosen; otherwise only
 * the chosen ones get the new certificate as their own, and the others keep presenting the old one.
 */
export function rebindSite(site: Site, from: string, to: string, chosen: readonly BindingKey[]): Site {
  const isChosen = (binding: BindingKey) => chosen.some((c) => sameBindingKey(c, binding));
  const inheritsOld = (binding: Site['bindings'][number]) => binding.protocol === 'https' && binding.certificateSha256 === null && site.serverCertificateSha256 === from;
  const moveSiteCertificate = site.serverCertificateSha256 === from && site.bindings.filter(inheritsOld).every(isChosen);
  return {
    ...site,
    serverCertificateSha256: moveSiteCertificate ? to : site.serverCertificateSha256,
    bindings: site.bindings.map((binding) => {
      if (!isChosen(binding)) return binding;
      if (binding.certificateSha256 === from) return { ...binding, certificateSha256: to };
      if (inheritsOld(binding) && !moveSiteCertificate) return { ...binding, certificateSha256: to };
      return binding;
    }),
  };
}
