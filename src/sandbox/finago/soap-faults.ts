// Faults written the way an ASP.NET .asmx service writes them: SOAP 1.1, HTTP 500.
import type { ServerResponse } from "node:http";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function sendSoapFault(res: ServerResponse, faultstring: string, faultcode = "soap:Server"): void {
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body><soap:Fault><faultcode>${escapeXml(faultcode)}</faultcode>` +
    `<faultstring>${escapeXml(faultstring)}</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`;
  res.statusCode = 500;
  res.setHeader("Content-Type", "text/xml; charset=utf-8");
  res.end(body);
}

/** What the sandbox answers a call without a valid session; mentions both texts clients look for. */
export const NOT_AUTHENTICATED_FAULT =
  "System.Web.Services.Protocols.SoapException: Client is not authenticated on this identity. " +
  "Authenticate through https://api.24sevenoffice.com/authenticate/V001/authenticate.asmx?wsdl";
