<#ftl strip_whitespace=false>
<#-- The text/plain part: made from the Markdown itself. Whitespace is literal here; afterwards blank
     runs are collapsed and over-long lines of running text are wrapped at 78 columns. -->
<#macro labelled label value><#if (label?length + value?length) lt 77>${label} ${value}<#else>${label}
${value}</#if></#macro>
<#macro event e>
${e.title}
${e.when}
<#if e.location?has_content>${e.location}
</#if><#if e.descriptionText?has_content>
${e.descriptionText}
</#if><#if e.url?has_content>
<@labelled e.button + ":" e.urlText/>
</#if><@labelled msg("event.addToCalendar") e.icsUrl/>

</#macro>
${issue.title}
<#list 1..[issue.title?length, 78]?min as i>=</#list>

${issue.date}

<@labelled msg("text.viewInBrowser") links.web/>

<#list issue.blocks as block><#if block.prose>
${block.text}

<#else><#list block.events as e>
<@event e/>
</#list></#if></#list>
<#if issue.upcoming?has_content>
<#assign upcoming = msg("email.upcomingEvents")>${upcoming}
<#list 1..upcoming?length as i>-</#list>

<#list issue.upcoming as e><@event e/>
</#list></#if>
<#if issue.references?has_content>
${msg("text.links")}
-----

<#list issue.references as link>[${link.number}] ${link.url}
</#list></#if>

----
${site.organisation}
<#if site.postalAddress?has_content>${site.postalAddress}
</#if><#if site.reason?has_content>${site.reason}
</#if>${msg("email.sentTo", recipient.email)}

<@labelled msg("text.viewInBrowser") links.web/>

<@labelled msg("text.manage") links.preferences/>

<@labelled msg("text.unsubscribe") links.unsubscribe/>
