<#-- The text part of the double opt-in email. Lines longer than 78 columns are wrapped when it is sent;
     a link keeps a line of its own. The name typed into the form is never shown: the form is public. -->
Hello,

We received a request to subscribe ${address} to ${lists} from ${organisation}. If it came from you, please confirm it.

<#list links as link>
To confirm ${link.list}, open this link within ${days} <#if days == 1>day<#else>days</#if>:
${link.url}

</#list>
If you did not ask for this, you can ignore this message: the address is not subscribed unless a link in it is followed.

-- 
${organisation}
<#if postalAddress?has_content>${postalAddress}
</#if>
