<#-- The text part of the double opt-in email. Lines longer than 78 columns are wrapped when it is sent;
     a link keeps a line of its own. The name typed into the form is never shown: the form is public. -->
${msg("confirmation.hello")}

${msg("confirmation.request", mail.address, mail.lists, mail.organisation)}

<#list mail.links as link>
${msg("confirmation.open", link.list, mail.days)}
${link.url}

</#list>
${msg("confirmation.ignore")}

-- 
${mail.organisation}
<#if mail.postalAddress?has_content>${mail.postalAddress}
</#if>
