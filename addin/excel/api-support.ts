/**
 * Whether this Excel has requirement set ExcelApi `version` ("1.N"), as Office reports it:
 * https://learn.microsoft.com/en-us/javascript/api/office/office.requirementsetsupport#office-office-requirementsetsupport-issetsupported-member(1)
 * Asked before loading a property newer than the manifest's minimum, because a property the host
 * lacks fails the whole request it is in. Without `Office` (the Node tests drive `Excel` alone) the
 * set is taken as present.
 */
export function hasExcelApi(version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: Office.RequirementSetSupport } } })
    .Office;
  const requirements = office?.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", version) : true;
}
