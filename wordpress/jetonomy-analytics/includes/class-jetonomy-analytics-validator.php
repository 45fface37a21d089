<?php
/**
 * Event validation: the PHP twin of src/model/validate.ts.
 *
 * Same checks, same order (id, then type, then `at`, then the type's own
 * fields in schema order) and the same reason texts, except that fields are
 * named as they travel on the wire (snake_case: "member_id", not "memberId").
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Validates one event (an associative array with snake_case keys).
 */
class Jetonomy_Analytics_Validator {

	/** Earliest accepted `at`: 2000-01-01T00:00:00Z. */
	const EARLIEST_AT = 946684800000;

	/** First `at` no longer accepted: 2200-01-01T00:00:00Z. */
	const LATEST_AT = 7258118400000;

	/** Longest entity id (bytes) the tables store. Event ids have no limit (they are hashed). */
	const MAX_ENTITY_ID_BYTES = 255;

	const TYPES = array(
		'member.joined',
		'member.updated',
		'space.created',
		'content.created',
		'content.status_changed',
		'vote.cast',
		'vote.retracted',
		'answer.accepted',
		'answer.unaccepted',
		'flag.raised',
		'flag.resolved',
		'automod.triggered',
	);

	/**
	 * The reason an event is malformed, or null when it is valid.
	 *
	 * @param mixed $e The decoded event (array; a list or scalar is "not an object").
	 * @return string|null
	 */
	public static function problem( $e ) {
		if ( $e instanceof stdClass ) {
			$e = (array) $e;
		}
		if ( ! is_array( $e ) || ( array() !== $e && array_is_list( $e ) ) ) {
			return 'event is not an object';
		}
		$id = $e['id'] ?? null;
		if ( ! is_string( $id ) || '' === $id ) {
			return self::bad_id( 'id', $e, 'id' );
		}
		if ( ! array_key_exists( 'type', $e ) ) {
			return 'missing "type" (an event type such as "content.created")';
		}
		$type = $e['type'];
		$at_problem = self::bad_at( $e );
		if ( null !== $at_problem ) {
			return in_array( $type, self::TYPES, true ) ? $at_problem : 'unknown event type ' . self::describe( $type );
		}
		switch ( $type ) {
			case 'member.joined':
				return self::req_id( $e, 'member_id' )
					?? self::req_string( $e, 'display_name' )
					?? self::opt_string( $e, 'avatar_url' )
					?? self::trust( $e, true );
			case 'member.updated':
				$p = self::req_id( $e, 'member_id' )
					?? self::opt_string( $e, 'display_name' )
					?? self::opt_string( $e, 'avatar_url' )
					?? self::trust( $e, false );
				if ( null !== $p ) {
					return $p;
				}
				if ( ! array_key_exists( 'display_name', $e ) && ! array_key_exists( 'avatar_url', $e ) && ! array_key_exists( 'trust_level', $e ) ) {
					return 'member.updated changes nothing (needs display_name, avatar_url or trust_level)';
				}
				return null;
			case 'space.created':
				$p = self::req_id( $e, 'space_id' ) ?? self::req_string( $e, 'name' );
				if ( null !== $p ) {
					return $p;
				}
				if ( ! array_key_exists( 'kind', $e ) ) {
					return 'missing "kind" ("discussion" or "qa")';
				}
				if ( 'discussion' !== $e['kind'] && 'qa' !== $e['kind'] ) {
					return '"kind" must be "discussion" or "qa", got ' . self::describe( $e['kind'] );
				}
				return null;
			case 'content.created':
				$p = self::req_id( $e, 'content_id' );
				if ( null !== $p ) {
					return $p;
				}
				if ( ! array_key_exists( 'kind', $e ) ) {
					return 'missing "kind" ("post" or "reply")';
				}
				$kind = $e['kind'];
				if ( 'post' !== $kind && 'reply' !== $kind ) {
					return '"kind" must be "post" or "reply", got ' . self::describe( $kind );
				}
				$p = self::req_id( $e, 'space_id' ) ?? self::req_id( $e, 'author_id' );
				if ( null !== $p ) {
					return $p;
				}
				if ( 'reply' === $kind ) {
					if ( ! array_key_exists( 'parent_id', $e ) ) {
						return 'a reply needs "parent_id"';
					}
					$p = self::req_id( $e, 'parent_id' );
					if ( null !== $p ) {
						return $p;
					}
					if ( $e['parent_id'] === $e['content_id'] ) {
						return 'a reply cannot be its own parent ("parent_id" is "content_id", ' . self::describe( $e['parent_id'] ) . ')';
					}
				} elseif ( array_key_exists( 'parent_id', $e ) ) {
					return 'a post must not have "parent_id", got ' . self::describe( $e['parent_id'] );
				}
				if ( ! array_key_exists( 'status', $e ) ) {
					return 'missing "status" ("published" or "pending")';
				}
				if ( 'published' !== $e['status'] && 'pending' !== $e['status'] ) {
					return '"status" of content.created must be "published" or "pending", got ' . self::describe( $e['status'] );
				}
				return null;
			case 'content.status_changed':
				$p = self::req_id( $e, 'content_id' );
				if ( null !== $p ) {
					return $p;
				}
				if ( ! array_key_exists( 'status', $e ) ) {
					return 'missing "status" ("published", "pending", "trash" or "spam")';
				}
				if ( ! in_array( $e['status'], array( 'published', 'pending', 'trash', 'spam' ), true ) ) {
					return '"status" must be "published", "pending", "trash" or "spam", got ' . self::describe( $e['status'] );
				}
				return null;
			case 'vote.cast':
				$p = self::req_id( $e, 'vote_id' ) ?? self::req_id( $e, 'content_id' ) ?? self::req_id( $e, 'voter_id' );
				if ( null !== $p ) {
					return $p;
				}
				if ( ! array_key_exists( 'value', $e ) ) {
					return 'missing "value" (1 or -1)';
				}
				return self::is_vote_value( $e['value'] ) ? null : '"value" must be 1 or -1, got ' . self::describe( $e['value'] );
			case 'vote.retracted':
				$p = self::req_id( $e, 'vote_id' ) ?? self::opt_id( $e, 'content_id' ) ?? self::opt_id( $e, 'voter_id' );
				if ( null !== $p ) {
					return $p;
				}
				if ( array_key_exists( 'value', $e ) && ! self::is_vote_value( $e['value'] ) ) {
					return '"value" must be 1 or -1, got ' . self::describe( $e['value'] );
				}
				return null;
			case 'answer.accepted':
				return self::req_id( $e, 'question_id' ) ?? self::req_id( $e, 'answer_id' );
			case 'answer.unaccepted':
				return self::req_id( $e, 'question_id' ) ?? self::opt_id( $e, 'answer_id' );
			case 'flag.raised':
				return self::req_id( $e, 'flag_id' ) ?? self::req_id( $e, 'content_id' ) ?? self::req_id( $e, 'reporter_id' );
			case 'flag.resolved':
				return self::req_id( $e, 'flag_id' )
					?? self::opt_string( $e, 'resolution' )
					?? self::opt_id( $e, 'content_id' )
					?? self::opt_id( $e, 'reporter_id' );
			case 'automod.triggered':
				return self::req_id( $e, 'rule_id' ) ?? self::req_id( $e, 'content_id' );
			default:
				return 'unknown event type ' . self::describe( $type );
		}
	}

	/**
	 * A whole number given as int or integral float (JSON `1.0` is the number 1, as in JavaScript).
	 *
	 * @param mixed $v Value.
	 * @return bool
	 */
	private static function is_whole( $v ) {
		return is_int( $v ) || ( is_float( $v ) && is_finite( $v ) && floor( $v ) === $v );
	}

	/**
	 * 1 or -1.
	 *
	 * @param mixed $v Value.
	 * @return bool
	 */
	private static function is_vote_value( $v ) {
		return 1 === $v || -1 === $v || 1.0 === $v || -1.0 === $v;
	}

	/**
	 * Trust level check.
	 *
	 * @param array $e        Event.
	 * @param bool  $required Whether the field must be present.
	 * @return string|null
	 */
	private static function trust( array $e, $required ) {
		if ( ! array_key_exists( 'trust_level', $e ) ) {
			return $required ? 'missing "trust_level" (an integer from 0 to 4)' : null;
		}
		$v = $e['trust_level'];
		if ( self::is_whole( $v ) && $v >= 0 && $v <= 4 ) {
			return null;
		}
		return '"trust_level" must be an integer from 0 to 4, got ' . self::describe( $v );
	}

	/**
	 * A required non-empty id field.
	 *
	 * @param array  $e     Event.
	 * @param string $field Field.
	 * @return string|null
	 */
	private static function req_id( array $e, $field ) {
		$v = $e[ $field ] ?? null;
		if ( is_string( $v ) && '' !== $v ) {
			return strlen( $v ) > self::MAX_ENTITY_ID_BYTES ? '"' . $field . '" must be at most ' . self::MAX_ENTITY_ID_BYTES . ' bytes long, got ' . strlen( $v ) . ' bytes' : null;
		}
		return self::bad_id( $field, $e, $field );
	}

	/**
	 * An optional id field: absent is fine, anything else must be a non-empty string.
	 *
	 * @param array  $e     Event.
	 * @param string $field Field.
	 * @return string|null
	 */
	private static function opt_id( array $e, $field ) {
		return array_key_exists( $field, $e ) ? self::req_id( $e, $field ) : null;
	}

	/**
	 * The bad-id reason.
	 *
	 * @param string $field Field name shown.
	 * @param array  $e     Event.
	 * @param string $key   Key.
	 * @return string
	 */
	private static function bad_id( $field, array $e, $key ) {
		if ( ! array_key_exists( $key, $e ) ) {
			return 'missing "' . $field . '" (a non-empty string)';
		}
		$v = $e[ $key ];
		return '"' . $field . '" must be a non-empty string, got ' . self::describe( $v ) . ( null === $v ? ' (leave the field out when there is none)' : '' );
	}

	/**
	 * A required string (may be empty).
	 *
	 * @param array  $e     Event.
	 * @param string $field Field.
	 * @return string|null
	 */
	private static function req_string( array $e, $field ) {
		if ( ! array_key_exists( $field, $e ) ) {
			return 'missing "' . $field . '" (a string)';
		}
		return is_string( $e[ $field ] ) ? null : '"' . $field . '" must be a string, got ' . self::describe( $e[ $field ] );
	}

	/**
	 * An optional string.
	 *
	 * @param array  $e     Event.
	 * @param string $field Field.
	 * @return string|null
	 */
	private static function opt_string( array $e, $field ) {
		if ( ! array_key_exists( $field, $e ) || is_string( $e[ $field ] ) ) {
			return null;
		}
		$v = $e[ $field ];
		return '"' . $field . '" must be a string, got ' . self::describe( $v ) . ( null === $v ? ' (leave the field out when there is none)' : '' );
	}

	/**
	 * The reason `at` is not a usable timestamp, or null.
	 *
	 * @param array $e Event.
	 * @return string|null
	 */
	private static function bad_at( array $e ) {
		if ( ! array_key_exists( 'at', $e ) ) {
			return 'missing "at" (epoch milliseconds)';
		}
		$at = $e['at'];
		if ( ( is_int( $at ) || is_float( $at ) ) && self::is_whole( $at ) && $at >= self::EARLIEST_AT && $at < self::LATEST_AT ) {
			return null;
		}
		if ( ! is_int( $at ) && ! ( is_float( $at ) && is_finite( $at ) ) ) {
			$numeric = is_string( $at ) && '' !== trim( $at ) && is_numeric( trim( $at ) );
			return '"at" must be a finite epoch-milliseconds number, got ' . self::describe( $at ) . ( $numeric ? ' (a string, not a number)' : '' );
		}
		if ( ! self::is_whole( $at ) ) {
			return '"at" must be a whole number of epoch milliseconds, got ' . self::describe( $at );
		}
		$window = 'between 2000-01-01 and 2200-01-01';
		$shown  = self::number_text( $at );
		if ( $at * 1000 >= self::EARLIEST_AT && $at * 1000 < self::LATEST_AT ) {
			return '"at" must be epoch milliseconds ' . $window . ', got ' . $shown . ': that looks like seconds (' . self::utc_date( $at * 1000 ) . '); multiply by 1000';
		}
		if ( $at / 1000 >= self::EARLIEST_AT && $at / 1000 < self::LATEST_AT ) {
			return '"at" must be epoch milliseconds ' . $window . ', got ' . $shown . ': that looks like microseconds (' . self::utc_date( $at / 1000 ) . '); divide by 1000';
		}
		$date = self::utc_date( $at );
		return '"at" must be epoch milliseconds ' . $window . ', got ' . $shown . ( null === $date ? '' : ' (' . $date . ')' );
	}

	/**
	 * UTC date of epoch ms, when JavaScript's Date could represent it (±8.64e15 ms).
	 *
	 * @param int|float $ms Epoch ms.
	 * @return string|null
	 */
	private static function utc_date( $ms ) {
		if ( abs( $ms ) > 8.64e15 ) {
			return null;
		}
		$day = (int) floor( $ms / 86400000 );
		$y   = (int) gmdate( 'Y', $day * 86400 );
		$md  = gmdate( '-m-d', $day * 86400 );
		if ( $y < 0 || $y > 9999 ) {
			return ( $y < 0 ? '-' : '+' ) . str_pad( (string) abs( $y ), 6, '0', STR_PAD_LEFT ) . $md;
		}
		return str_pad( (string) $y, 4, '0', STR_PAD_LEFT ) . $md;
	}

	/**
	 * A number as JavaScript's String() writes it (near enough: shortest round-trip form).
	 *
	 * @param int|float $v Number.
	 * @return string
	 */
	public static function number_text( $v ) {
		if ( is_int( $v ) ) {
			return (string) $v;
		}
		if ( is_nan( $v ) ) {
			return 'NaN';
		}
		if ( is_infinite( $v ) ) {
			return $v > 0 ? 'Infinity' : '-Infinity';
		}
		if ( 0.0 === $v ) {
			return ( 1 / $v ) < 0 ? '-0' : '0';
		}
		if ( floor( $v ) === $v && abs( $v ) < 1e21 ) {
			return sprintf( '%.0f', $v );
		}
		$text = var_export( $v, true );
		if ( preg_match( '/^(-?)(\d)(?:\.(\d+))?E([+-])(\d+)$/i', $text, $m ) ) {
			$exp = (int) $m[5];
			if ( '-' === $m[4] && $exp <= 6 ) {
				return $m[1] . '0.' . str_repeat( '0', $exp - 1 ) . $m[2] . ( $m[3] ?? '' );
			}
			return $m[1] . $m[2] . ( isset( $m[3] ) && '' !== $m[3] ? '.' . $m[3] : '' ) . 'e' . $m[4] . $exp;
		}
		return $text;
	}

	/**
	 * A short rendering of a value for messages, as describeValue() in validate.ts.
	 *
	 * @param mixed $v Value.
	 * @return string
	 */
	public static function describe( $v ) {
		if ( is_string( $v ) ) {
			$flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_LINE_TERMINATORS | JSON_INVALID_UTF8_SUBSTITUTE;
			if ( ! preg_match( '/[\x80-\xff]/', $v ) ) {
				$length = strlen( $v );
				if ( $length <= 40 ) {
					return wp_json_encode( $v, $flags );
				}
				return substr( wp_json_encode( substr( $v, 0, 40 ), $flags ), 0, -1 ) . '…" (' . $length . ' characters)';
			}
			$units  = mb_convert_encoding( $v, 'UTF-16BE', 'UTF-8' );
			$length = intdiv( strlen( $units ), 2 );
			if ( $length <= 40 ) {
				return wp_json_encode( $v, $flags );
			}
			$cut  = 40;
			$last = ord( $units[ 2 * ( $cut - 1 ) ] );
			if ( $last >= 0xd8 && $last <= 0xdb ) {
				--$cut;
			}
			$head = mb_convert_encoding( substr( $units, 0, 2 * $cut ), 'UTF-8', 'UTF-16BE' );
			return substr( wp_json_encode( $head, $flags ), 0, -1 ) . '…" (' . $length . ' characters)';
		}
		if ( is_int( $v ) || is_float( $v ) ) {
			return self::number_text( $v );
		}
		if ( is_bool( $v ) ) {
			return $v ? 'true' : 'false';
		}
		if ( null === $v ) {
			return 'null';
		}
		if ( is_array( $v ) && ( array() === $v || array_is_list( $v ) ) ) {
			return 'an array';
		}
		return 'an object';
	}
}
