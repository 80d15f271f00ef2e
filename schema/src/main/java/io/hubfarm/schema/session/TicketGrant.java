package io.hubfarm.schema.session;

/** What a consumed ticket entitles its bearer to: a session on this hub, under this name. */
public record TicketGrant(long hubId, String userName, String realUserName, String groupName, String sessionName) {
}
